package io.ggen.ffi.bindgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A generated Java interface: its source and what went into it.
 *
 * @param packageName its package
 * @param name its simple name
 * @param source the Java source
 * @param functions how many functions it binds
 * @param skipped how many functions it leaves out, per reason ({@code variadic}, {@code struct by value}...), in
 *     the order the reasons were first met
 */
public record GeneratedInterface(String packageName, String name, String source, int functions,
                                 Map<String, Integer> skipped) {

    public GeneratedInterface {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** The fully qualified name, {@code org.acme.zlib.Zlib}. */
    public String qualifiedName() {
        return packageName.isEmpty() ? name : packageName + "." + name;
    }

    /** How many functions it leaves out. */
    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code 87 functions, 12 skipped (variadic: 3, struct by value: 9)}. */
    public String summary() {
        String bound = functions + (functions == 1 ? " function" : " functions");
        if (skipped.isEmpty()) {
            return bound;
        }
        return bound + ", " + skippedCount() + " skipped (" + skipped.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Writes the source under a source folder, as {@code outputDir/org/acme/zlib/Zlib.java},
     * making the folders it needs.
     *
     * @return the file written
     */
    public Path writeTo(Path outputDir) throws IOException {
        Path folder = packageName.isEmpty() ? outputDir : outputDir.resolve(packageName.replace('.', '/'));
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file;
    }
}
