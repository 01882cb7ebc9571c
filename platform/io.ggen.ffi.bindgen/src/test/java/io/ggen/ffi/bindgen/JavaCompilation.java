package io.ggen.ffi.bindgen;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources with the JDK's compiler against the test class path (the API jar on it). */
final class JavaCompilation {

    private JavaCompilation() {
    }

    /**
     * Writes the interfaces under {@code folder}, compiles them with {@code -Xlint:all -Werror} and
     * loads them in a class loader whose parent is this test's.
     *
     * @throws AssertionError the compiler's messages, with the sources, when they do not compile
     */
    static ClassLoader compile(Path folder, GeneratedInterface... interfaces) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (GeneratedInterface generated : interfaces) {
            files.add(generated.writeTo(sources));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            boolean compiled = compiler.getTask(messages, fileManager, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-Xlint:all",
                    "-Xlint:-processing", "-Werror", "-proc:none"),
                null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                StringBuilder text = new StringBuilder(messages.toString());
                for (GeneratedInterface generated : interfaces) {
                    text.append("\n--- ").append(generated.qualifiedName()).append(" ---\n").append(generated.source());
                }
                throw new AssertionError("the generated sources do not compile:\n" + text);
            }
        }
        return new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, JavaCompilation.class.getClassLoader());
    }
}
