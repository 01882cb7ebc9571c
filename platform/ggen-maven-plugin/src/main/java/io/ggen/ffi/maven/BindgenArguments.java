package io.ggen.ffi.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@code ggen:bindgen} execution asks of {@code ggen bindgen}: the language, its source (a C header, a
 * Python module or file, a JavaScript or WebAssembly file, a worker command), the package, interface name and
 * output folder. {@link #of} checks that the language takes the parameters given, so that a wrong pom is
 * reported by parameter name before a platform is booted.
 *
 * @param language     {@code c}, {@code python}, {@code javascript}, {@code wasm}, {@code rpc}, {@code go},
 *                     {@code cpython} or {@code node}
 * @param header       the C header (language {@code c})
 * @param library      the C library the functions are looked up in, by short name or path
 * @param clangArgs    extra arguments for the C parser, e.g. {@code -I/opt/include}
 * @param module       the Python module name (language {@code python}, instead of a file)
 * @param pythonPath   more folders the Python module is found in
 * @param file         the Python, JavaScript or WebAssembly file
 * @param worker       the command line of a worker process ({@code rpc}, {@code go}, {@code cpython}, {@code node})
 * @param options      module options for the bridge, {@code KEY=VALUE} (not for {@code c} and {@code javascript})
 * @param packageName  the Java package of the interface
 * @param interfaceName the interface's simple name, or empty for the name {@code ggen bindgen} derives
 * @param outputDirectory the source root the interface is written into
 */
record BindgenArguments(String language, Optional<Path> header, Optional<String> library, List<String> clangArgs,
        Optional<String> module, List<Path> pythonPath, Optional<Path> file, Optional<String> worker, List<String> options,
        String packageName, Optional<String> interfaceName, Path outputDirectory) {

    /** The parameters each language takes besides packageName, interfaceName and outputDirectory, by language. */
    private static final SortedMap<String, Set<String>> PARAMETERS = languages();

    /** The short names of languages that {@code ggen bindgen} takes too. */
    private static final Map<String, String> ALIASES = Map.of("py", "python", "js", "javascript", "webassembly", "wasm");

    BindgenArguments {
        clangArgs = List.copyOf(clangArgs);
        pythonPath = List.copyOf(pythonPath);
        options = List.copyOf(options);
    }

    /**
     * The arguments of one execution, checked: the language is known, it takes every parameter given, its
     * source is given (exactly one of module and file for Python), files exist and the package is a Java name.
     * The language may be one of the short names {@code ggen bindgen} knows ({@code py}, {@code js},
     * {@code webassembly}).
     *
     * @throws IllegalArgumentException with the parameter to fix
     */
    static BindgenArguments of(String language, Path header, String library, List<String> clangArgs, String module,
            List<Path> pythonPath, Path file, String worker, List<String> options, String packageName,
            String interfaceName, Path outputDirectory) {
        language = language == null ? null : ALIASES.getOrDefault(language.strip(), language.strip());
        if (language == null || !PARAMETERS.containsKey(language)) {
            throw new IllegalArgumentException("language " + (language == null ? "is missing" : "'" + language
                + "' is not one ggen bindgen knows") + ": set <language> to one of " + String.join(", ", PARAMETERS.keySet()));
        }
        Map<String, Boolean> given = new TreeMap<>();
        given.put("header", header != null);
        given.put("library", present(library));
        given.put("clangArgs", clangArgs != null && !clangArgs.isEmpty());
        given.put("module", present(module));
        given.put("pythonPath", pythonPath != null && !pythonPath.isEmpty());
        given.put("file", file != null);
        given.put("worker", present(worker));
        given.put("options", options != null && !options.isEmpty());
        Set<String> allowed = PARAMETERS.get(language);
        for (Map.Entry<String, Boolean> parameter : given.entrySet()) {
            if (parameter.getValue() && !allowed.contains(parameter.getKey())) {
                throw new IllegalArgumentException("<" + parameter.getKey() + "> is not a parameter of language " + language
                    + ": it takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        switch (language) {
            case "c" -> require(header != null, "language c needs <header>, the C header to bind");
            case "python" -> require(present(module) != (file != null),
                "language python needs one of <module> (a module name) and <file> (a .py file), not both");
            case "javascript", "wasm" -> require(file != null, "language " + language + " needs <file>, the module to bind");
            default -> require(present(worker), "language " + language + " needs <worker>, the command that starts the worker");
        }
        requireFile("header", header);
        requireFile("file", file);
        for (String option : options == null ? List.<String>of() : options) {
            require(option != null && option.indexOf('=') > 0, "<options> takes KEY=VALUE, e.g. env.NAME=VALUE, not '" + option + "'");
        }
        for (Path folder : pythonPath == null ? List.<Path>of() : pythonPath) {
            require(Files.isDirectory(folder), "<pythonPath> " + folder + " is not a folder");
        }
        require(packageName != null && packageName.matches("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*"),
            "<packageName> must be a Java package name such as org.acme.zlib, not '" + packageName + "'");
        require(interfaceName == null || interfaceName.isBlank()
            || interfaceName.matches("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"),
            "<interfaceName> must be a simple Java type name such as Zlib, not '" + interfaceName + "'");
        require(outputDirectory != null, "<outputDirectory> is missing");
        return new BindgenArguments(language, Optional.ofNullable(header), optional(library),
            clangArgs == null ? List.of() : clangArgs, optional(module), pythonPath == null ? List.of() : pythonPath,
            Optional.ofNullable(file), optional(worker), options == null ? List.of() : options,
            packageName, optional(interfaceName), outputDirectory);
    }

    /** The arguments of {@code bin/ggen}: {@code bindgen LANGUAGE ... --package PKG --output DIR [--name NAME]}. */
    List<String> commandLine() {
        List<String> args = new ArrayList<>(List.of("bindgen", language));
        header.ifPresent(h -> args.addAll(List.of("--header", h.toString())));
        library.ifPresent(l -> args.addAll(List.of("--library", l)));
        // one token each: an argument such as -I/opt/include is never read as an option of ggen
        clangArgs.forEach(arg -> args.add("--clang-arg=" + arg));
        module.ifPresent(m -> args.addAll(List.of("--module", m)));
        pythonPath.forEach(folder -> args.addAll(List.of("--python-path", folder.toString())));
        file.ifPresent(f -> args.addAll(List.of("--file", f.toString())));
        worker.ifPresent(w -> args.addAll(List.of("--worker", w)));
        options.forEach(option -> args.add("--option=" + option));
        args.addAll(List.of("--package", packageName, "--output", outputDirectory.toString()));
        interfaceName.ifPresent(n -> args.addAll(List.of("--name", n)));
        return args;
    }

    /**
     * The files the bindings are generated from, when the source is a file: the header or the file. A Python
     * module by name and a worker have none this plugin can watch.
     */
    Optional<Path> input() {
        return header.or(() -> file);
    }

    /** The folder of the package under the output directory, e.g. {@code DIR/org/acme/zlib}. */
    Path packageDirectory() {
        return outputDirectory.resolve(packageName.replace('.', '/'));
    }

    private static SortedMap<String, Set<String>> languages() {
        SortedMap<String, Set<String>> languages = new TreeMap<>();
        languages.put("c", Set.of("header", "library", "clangArgs"));
        languages.put("python", Set.of("module", "file", "pythonPath", "options"));
        languages.put("javascript", Set.of("file"));
        languages.put("wasm", Set.of("file", "options"));
        for (String worker : List.of("rpc", "go", "cpython", "node")) {
            languages.put(worker, Set.of("worker", "options"));
        }
        return Collections.unmodifiableSortedMap(languages);
    }

    private static void requireFile(String parameter, Path path) {
        require(path == null || Files.isRegularFile(path), "<" + parameter + "> " + path + " is not a file");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Optional<String> optional(String value) {
        return present(value) ? Optional.of(value.strip()) : Optional.empty();
    }
}
