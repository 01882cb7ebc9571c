package io.ggen.ffi.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads a properties file of the distribution ({@code conf/ggen.properties}, {@code conf/system.properties}).
 *
 * <p>Rules, in order: a system property with the same key replaces the file's value (so
 * {@code -Dorg.osgi.service.http.port=9090} wins over the file); then every {@code ${name}} is replaced by
 * the value of {@code name} in the file, else by the system property {@code name} (this is how
 * {@code ${ggen.home}} works). An unknown name or a cycle is an error that names the key to fix.
 */
final class ConfProperties {

    private ConfProperties() {
    }

    /** Loads {@code file} (UTF-8); an absent file gives an empty map. */
    static Map<String, String> load(Path file, Function<String, String> systemProperties) throws IOException {
        Map<String, String> raw = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream().sorted().forEach(key -> raw.put(key, properties.getProperty(key)));
        }
        return resolve(raw, systemProperties, file.getFileName().toString());
    }

    /** Applies the override and substitution rules to {@code raw}; {@code source} names it in errors. */
    static Map<String, String> resolve(Map<String, String> raw, Function<String, String> systemProperties, String source) {
        Map<String, String> merged = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String override = systemProperties.apply(key);
            merged.put(key, override != null ? override : value);
        });
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String key : merged.keySet()) {
            resolved.put(key, valueOf(key, merged, systemProperties, new ArrayDeque<>(), source));
        }
        return resolved;
    }

    private static String valueOf(String key, Map<String, String> merged, Function<String, String> systemProperties,
            Deque<String> resolving, String source) {
        if (resolving.contains(key)) {
            throw new IllegalArgumentException(source + ": " + resolving.getFirst() + " refers to itself through ${"
                    + key + "}; remove the cycle");
        }
        String value = merged.get(key);
        if (value == null) {
            return null;
        }
        resolving.push(key);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            if (start < 0) {
                out.append(value, from, value.length());
                break;
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException(source + ": " + key + " has an unclosed ${ in '" + value + "'");
            }
            out.append(value, from, start);
            String name = value.substring(start + 2, end);
            String replacement = merged.containsKey(name)
                    ? valueOf(name, merged, systemProperties, resolving, source)
                    : systemProperties.apply(name);
            if (replacement == null) {
                throw new IllegalArgumentException(source + ": " + key + " uses ${" + name
                        + "}, which is neither a key of the file nor a system property");
            }
            out.append(replacement);
            from = end + 1;
        }
        resolving.pop();
        return out.toString();
    }
}
