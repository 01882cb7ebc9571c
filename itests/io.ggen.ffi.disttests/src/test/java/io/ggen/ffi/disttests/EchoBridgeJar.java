package io.ggen.ffi.disttests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A third-party bridge built by the test, as small as one can be: language {@code echo}, every function
 * returns its first argument. Compiled with the JDK's compiler against the distribution's API jar and
 * packed with a hand-written manifest (a bundle activator registers the {@code ForeignBridge}).
 */
final class EchoBridgeJar {

    static final String SYMBOLIC_NAME = "org.acme.echo";

    private static final String SOURCE = """
        package org.acme.echo;

        import io.ggen.ffi.api.ForeignValue;
        import io.ggen.ffi.api.ModuleSpec;
        import io.ggen.ffi.api.spi.ForeignBridge;
        import io.ggen.ffi.api.spi.GuestFunction;
        import io.ggen.ffi.api.spi.GuestModule;
        import java.util.Hashtable;
        import java.util.Map;
        import java.util.Set;
        import org.osgi.framework.BundleActivator;
        import org.osgi.framework.BundleContext;

        public final class EchoBridge implements ForeignBridge, BundleActivator {
            public void start(BundleContext context) {
                context.registerService(ForeignBridge.class, this, new Hashtable<>(Map.of(LANGUAGE, "echo", NAME, "echo")));
            }

            public void stop(BundleContext context) {
            }

            public GuestModule load(ModuleSpec spec) {
                return new GuestModule() {
                    public Set<String> functions() {
                        return Set.of("echo");
                    }

                    public GuestFunction function(String name) {
                        return (args, context) -> args.isEmpty() ? ForeignValue.of("") : args.get(0);
                    }

                    public void close() {
                    }
                };
            }
        }
        """;

    private EchoBridgeJar() {
    }

    /**
     * Builds the bridge into {@code dir}/{@code fileName}.
     *
     * @param symbolicName the bundle's symbolic name
     * @param extraImport one more package to import (one nothing exports makes a bundle that cannot resolve), or null
     */
    static Path build(Path home, Path dir, String fileName, String symbolicName, String extraImport) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("echo-src/org/acme/echo"));
        Path classes = Files.createDirectories(dir.resolve("echo-classes"));
        Files.writeString(sources.resolve("EchoBridge.java"), SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = one(home.resolve("boot/1-core"), "io.ggen.ffi.api-") + java.io.File.pathSeparator
            + one(home.resolve("lib"), "org.apache.felix.framework-");
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath, "--release", "25",
            sources.resolve("EchoBridge.java").toString());
        if (code != 0) {
            throw new IllegalStateException("the echo bridge does not compile (javac exit " + code + ")");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", "org.acme.echo.EchoBridge");
        main.putValue("Import-Package", "io.ggen.ffi.api;version=\"[1.1,2)\",io.ggen.ffi.api.spi;version=\"[1.1,2)\","
            + "org.osgi.framework" + (extraImport == null ? "" : "," + extraImport));
        Path jar = dir.resolve(fileName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path one(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "*.jar in " + folder + ", found " + found);
            }
            return found.getFirst();
        }
    }
}
