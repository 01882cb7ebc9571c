package io.ggen.ffi.disttests;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The assembled distribution under test: the folder named by the system property {@code ggen.dist}
 * (set by the pom to {@code distribution/ggen-ffi/target/ggen-ffi}), and how to run its {@code bin/ggen}.
 */
final class Distribution {

    static final String PROPERTY = "ggen.dist";
    static final String JS_BRIDGE = "io.ggen.ffi.bridge.js";

    private Distribution() {
    }

    /** The distribution folder, checked to hold an executable {@code bin/ggen}. */
    static Path home() {
        String dist = System.getProperty(PROPERTY);
        if (dist == null || dist.isBlank()) {
            throw new IllegalStateException("the system property " + PROPERTY + " is not set: run these tests with"
                + " Maven (cd itests/io.ggen.ffi.disttests && mvn verify), or pass -D" + PROPERTY + "=<distribution folder>");
        }
        Path home = Path.of(dist).toAbsolutePath().normalize();
        if (!Files.isExecutable(home.resolve("bin/ggen"))) {
            throw new IllegalStateException(home + "/bin/ggen is missing or not executable: build the distribution first"
                + " (mvn install in distribution/, or ./test at the top)");
        }
        return home;
    }

    /**
     * A copy of the distribution in {@code target} that {@code ggen start} may write to (data/, deploy/):
     * bin, conf, boot and deploy are copied, lib (the big GraalVM jars, only read) is a symbolic link.
     */
    static Path copyTo(Path target) throws IOException {
        Path home = home();
        for (String folder : List.of("bin", "conf", "boot", "deploy")) {
            copyTree(home.resolve(folder), target.resolve(folder));
        }
        Files.createSymbolicLink(target.resolve("lib"), home.resolve("lib"));
        return target;
    }

    /** The bridge jar in {@code home}/deploy ({@code io.ggen.ffi.bridge.js-*.jar}). */
    static Path jsBridgeJar(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("deploy"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().startsWith(JS_BRIDGE + "-")
                && f.getFileName().toString().endsWith(".jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + JS_BRIDGE + "-*.jar in " + home.resolve("deploy")
                    + ", found " + jars);
            }
            return jars.getFirst();
        }
    }

    /** The GraalJS version the distribution ships: from lib/js-language-VERSION.jar. */
    static String graalJsVersion() throws IOException {
        try (Stream<Path> files = Files.list(home().resolve("lib"))) {
            return files.map(f -> f.getFileName().toString())
                .filter(name -> name.matches("js-language-.+\\.jar"))
                .map(name -> name.substring("js-language-".length(), name.length() - ".jar".length()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no lib/js-language-*.jar in " + home()));
        }
    }

    /**
     * {@code bin/ggen} of {@code home} with {@code args}, run in {@code workDir}. GGEN_OPTS and
     * GGEN_CONSOLE_PASSWORD of the caller's environment are removed: the tests run the distribution as shipped.
     */
    static ProcessBuilder ggen(Path home, Path workDir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ggen").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("GGEN_OPTS");
        builder.environment().remove("GGEN_CONSOLE_PASSWORD");
        return builder;
    }

    /** A TCP port nobody listens on now, for the Web Console of a test's container. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Kills {@code process} and everything it started; returns at once. */
    static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** {@code from} and everything under it, copied to {@code to} with their attributes (modes, modification times). */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // COPY_ATTRIBUTES keeps bin/ggen executable and the jars' modification times.
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
