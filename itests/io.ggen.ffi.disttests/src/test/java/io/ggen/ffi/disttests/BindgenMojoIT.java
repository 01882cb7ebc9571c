package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen:bindgen} of {@code io.ggen.ffi:ggen-maven-plugin} in a project outside this build, as a user's
 * build runs it: the consumer project of {@code src/it/bindgen-consumer} binds zlib from
 * {@code /usr/include/zlib.h} (with the distribution of the plugin's version, resolved from the local repository
 * and unpacked) and a type-hinted Python file (with the distribution under test as {@code ggenHome}), and
 * compiles a class that calls both interfaces: a wrong generation fails its build. A second build finds both up
 * to date; a build whose {@code bin/ggen} fails fails with its stderr. Maven is the one that runs this build,
 * with its local repository and offline mode ({@link MavenRun}); the reactor installed the plugin and the
 * distribution into that repository before these tests.
 */
class BindgenMojoIT {

    private static final Path ZLIB_HEADER = Path.of("/usr/include/zlib.h");

    @TempDir
    static Path work;

    private static Path project;
    private static Path dist;
    private static ProcessRun first;

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        assertThat(ZLIB_HEADER).as("zlib's header: apt-get install zlib1g-dev").isRegularFile();
        dist = Distribution.home().toRealPath();
        project = work.resolve("bindgen-consumer");
        Distribution.copyTree(Path.of(System.getProperty("ggen.it.consumer")), project);
        first = maven("compile");
        System.out.printf("bindgen consumer: first mvn compile (both interfaces generated): %d ms%n",
            first.elapsed().toMillis());
    }

    @Test
    void theFirstBuildGeneratesBothInterfacesAndCompilesTheClassThatCallsThem() throws IOException {
        assertThat(first.exitCode()).as(first::describe).isZero();
        assertThat(first.stdoutLines()).as(first::describe)
            .contains("[INFO] Generating bindings org.acme.zlib.Zlib (c) with " + unpackedDistribution())
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] Generating bindings org.acme.greeter (python) with " + dist))
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

        ProcessRun again = maven("compile");

        assertThat(again.exitCode()).as(again::describe).isZero();
        assertThat(again.stdoutLines()).as(again::describe)
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

        ProcessRun failed = maven("compile", "-Dggen.home=" + broken);

        assertThat(failed.exitCode()).as(failed::describe).isNotZero();
        assertThat(failed.stdout()).as(failed::describe)
            .contains("[WARNING] error: clang is not on the PATH")
            .contains("ggen bindgen c --header " + ZLIB_HEADER)
            .contains("failed with exit code 2:");
    }

    /**
     * Where the plugin unpacks the distribution of its version: next to the archive in the local repository (this
     * build's, else Maven's default).
     */
    private static Path unpackedDistribution() {
        String version = System.getProperty("ggen.version");
        Path repository = MavenRun.localRepository()
            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return repository.resolve(Path.of("io/ggen/ffi/ggen-ffi", version, "ggen-ffi-" + version, "bin/ggen"));
    }

    /** {@code mvn args} in the consumer project ({@link MavenRun}), with the distribution under test as {@code ggen.dist}. */
    private static ProcessRun maven(String... args) throws IOException, InterruptedException {
        return MavenRun.mvn(project, work, Stream.concat(Stream.of("-Dggen.dist=" + dist), Stream.of(args))
            .toArray(String[]::new));
    }
}
