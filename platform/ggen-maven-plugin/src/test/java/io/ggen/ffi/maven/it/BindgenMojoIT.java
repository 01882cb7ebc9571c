package io.ggen.ffi.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen:bindgen} in a project outside this build, as a user's build runs it: the consumer project of
 * {@code src/it/bindgen-consumer} binds zlib from {@code /usr/include/zlib.h} (with the distribution of the
 * plugin's version, resolved from the local repository and unpacked) and a type-hinted Python file (with the
 * distribution of this build as {@code ggenHome}), and compiles a class that calls both interfaces: a wrong
 * generation fails its build. A second build finds both up to date; a build whose {@code bin/ggen} fails
 * fails with its stderr. Maven is the one that runs this build, with its local repository and offline
 * mode (the pom passes them); the plugin was installed into that repository before the integration tests.
 */
class BindgenMojoIT {

    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
    private static final Path ZLIB_HEADER = Path.of("/usr/include/zlib.h");

    @TempDir
    static Path work;

    private static Path project;
    private static Build first;

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        assertThat(ZLIB_HEADER).as("zlib's header: apt-get install zlib1g-dev").isRegularFile();
        assertThat(Path.of(System.getProperty("ggen.dist"), "bin/ggen"))
            .as("this build's distribution: build distribution/ggen-ffi first").isExecutable();
        project = work.resolve("bindgen-consumer");
        copyTree(Path.of(System.getProperty("ggen.it.consumer")), project);
        first = maven("compile");
        System.out.printf("bindgen consumer: first mvn compile (both interfaces generated): %d ms%n", first.elapsed().toMillis());
    }

    @Test
    void theFirstBuildGeneratesBothInterfacesAndCompilesTheClassThatCallsThem() throws IOException {
        assertThat(first.exitCode()).as(first::describe).isZero();
        assertThat(first.lines()).as(first::describe)
            .contains("[INFO] Generating bindings org.acme.zlib.Zlib (c) with " + unpackedDistribution())
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] Generating bindings org.acme.greeter (python) with "
                + Path.of(System.getProperty("ggen.dist")).toRealPath()))
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] wrote ").contains("Zlib.java"))
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] wrote ").contains("Greeter.java"));

        Path sources = project.resolve("target/generated-sources/ggen");
        assertThat(Files.readString(sources.resolve("org/acme/zlib/Zlib.java")))
            .contains("package org.acme.zlib;", "interface Zlib", "@CFunction", "compressBound(");
        assertThat(Files.readString(sources.resolve("org/acme/greeter/Greeter.java")))
            .contains("package org.acme.greeter;", "interface Greeter", "greet(", "add(");
        assertThat(project.resolve("target/classes/org/acme/consumer/Bindings.class")).isRegularFile();
        assertThat(project.resolve("target/classes/org/acme/zlib/Zlib.class")).isRegularFile();
    }

    @Test
    void aSecondBuildFindsBothUpToDateAndLeavesTheirFilesAlone() throws Exception {
        Path zlib = project.resolve("target/generated-sources/ggen/org/acme/zlib/Zlib.java");
        Path greeter = project.resolve("target/generated-sources/ggen/org/acme/greeter/Greeter.java");
        FileTime zlibWritten = Files.getLastModifiedTime(zlib);
        FileTime greeterWritten = Files.getLastModifiedTime(greeter);

        Build again = maven("compile");

        assertThat(again.exitCode()).as(again::describe).isZero();
        assertThat(again.lines()).as(again::describe)
            .contains("[INFO] Bindings org.acme.zlib.Zlib (c) are up to date", "[INFO] Bindings org.acme.greeter (python) are up to date")
            .noneSatisfy(line -> assertThat(line).startsWith("[INFO] Generating bindings"));
        assertThat(Files.getLastModifiedTime(zlib)).isEqualTo(zlibWritten);
        assertThat(Files.getLastModifiedTime(greeter)).isEqualTo(greeterWritten);
        System.out.printf("bindgen consumer: mvn compile with both up to date: %d ms%n", again.elapsed().toMillis());
    }

    @Test
    void aFailingGgenFailsTheBuildWithItsStderr() throws Exception {
        Path broken = work.resolve("broken-ggen");
        Path ggen = Files.createDirectories(broken.resolve("bin")).resolve("ggen");
        Files.writeString(ggen, "#!/bin/sh\necho 'error: clang is not on the PATH' >&2\nexit 2\n");
        Files.setPosixFilePermissions(ggen, PosixFilePermissions.fromString("rwxr-xr-x"));

        Build failed = maven("compile", "-Dggen.home=" + broken);

        assertThat(failed.exitCode()).as(failed::describe).isNotZero();
        assertThat(failed.stdout()).as(failed::describe)
            .contains("[WARNING] error: clang is not on the PATH")
            .contains("ggen bindgen c --header " + ZLIB_HEADER)
            .contains("failed with exit code 2:");
    }

    /** Where the plugin unpacks the distribution of its version: next to the archive in the local repository. */
    private static Path unpackedDistribution() {
        String version = System.getProperty("ggen.version");
        return Path.of(System.getProperty("ggen.maven.repo.local"), "io/ggen/ffi/ggen-ffi", version, "ggen-ffi-" + version,
            "bin/ggen");
    }

    /** One finished {@code mvn} run: exit code, its output (stdout and stderr together) and the wall time. */
    private record Build(List<String> command, int exitCode, String stdout, Duration elapsed) {

        List<String> lines() {
            return stdout.lines().toList();
        }

        String describe() {
            return String.format("%s%n  exit code %d after %d ms%n--- output ---%n%s--- end ---", String.join(" ", command),
                exitCode, elapsed.toMillis(), stdout);
        }
    }

    /**
     * {@code mvn -B args} in the consumer project with the JDK of these tests, the local repository of this
     * build, {@code -o} when this build is offline, and this build's distribution as {@code ggen.dist}.
     */
    private static Build maven(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvn().toString(), "-B", "-ntp"));
        String repository = System.getProperty("ggen.maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        if (Boolean.getBoolean("ggen.maven.offline")) {
            command.add("-o");
        }
        command.add("-Dggen.dist=" + Path.of(System.getProperty("ggen.dist")).toRealPath());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "mvn-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().remove("GGEN_OPTS");
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(MAVEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Build build = new Build(command, finished ? process.exitValue() : -1,
            Files.readString(output, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        if (!finished) {
            throw new AssertionError("mvn still running after " + MAVEN_TIMEOUT.toMinutes() + " min, killed: " + build.describe());
        }
        return build;
    }

    /** {@code bin/mvn} of the Maven that runs this build ({@code ggen.maven.home}), else the first on the PATH. */
    private static Path mvn() {
        Optional<Path> running = Optional.ofNullable(System.getProperty("ggen.maven.home"))
            .filter(folder -> !folder.isBlank())
            .map(folder -> Path.of(folder, "bin", "mvn"))
            .filter(Files::isExecutable);
        return running.or(() -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "mvn"))
                .filter(Files::isExecutable)
                .findFirst())
            .orElseThrow(() -> new IllegalStateException("no mvn: run these tests with Maven (it passes"
                + " ggen.maven.home), or put mvn on the PATH"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
