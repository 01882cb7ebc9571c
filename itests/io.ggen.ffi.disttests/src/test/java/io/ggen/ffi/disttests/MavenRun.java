package io.ggen.ffi.disttests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code mvn} on a project outside this build, as a user runs it there: the Maven that runs these tests
 * ({@code ggen.maven.home}), with its local repository ({@code ggen.maven.repo.local}) and offline mode
 * ({@code ggen.maven.offline}), all three passed by the pom, and the JDK of these tests. What such a build
 * takes of this platform (the archetype, the BOM, the Maven plugin, the distribution) it resolves from that
 * local repository, where the reactor installed it before these tests.
 */
final class MavenRun {

    /** How long one build may take before it is killed with what it started. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private MavenRun() {
    }

    /**
     * {@code mvn -B -ntp args} in {@code dir}, with {@code -Dmaven.repo.local} of this build and {@code -o} when
     * this build is offline; its output goes to files in {@code outputDir}. MAVEN_ARGS and GGEN_OPTS of the
     * caller's environment are removed: the build runs with its own arguments and the distribution as shipped.
     */
    static ProcessRun mvn(Path dir, Path outputDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-B", "-ntp"));
        localRepository().ifPresent(repository -> command.add("-Dmaven.repo.local=" + repository));
        if (Boolean.getBoolean("ggen.maven.offline")) {
            command.add("-o");
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().remove("GGEN_OPTS");
        return ProcessRun.of(builder, outputDir, TIMEOUT);
    }

    /** The local repository of this build ({@code ggen.maven.repo.local}); empty when the tests run without it. */
    static Optional<Path> localRepository() {
        return Optional.ofNullable(System.getProperty("ggen.maven.repo.local"))
            .filter(folder -> !folder.isBlank())
            .map(Path::of);
    }

    /** {@code bin/mvn} of the Maven that runs this build ({@code ggen.maven.home}), else the first on the PATH. */
    private static Path executable() {
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
}
