package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge author's first fifteen minutes (docs/your-first-bridge.md), as they type it: {@code mvn
 * archetype:generate} of {@code io.ggen.ffi:ggen-bridge-archetype} in a folder outside the repository,
 * {@code mvn verify} in the generated project (its contract test and its in-framework test), its jar
 * dropped into the {@code deploy/} folder of a running container, and the new language called from the
 * container's shell and from a one-shot {@code bin/ggen}. Maven is the one that runs this build, with
 * its local repository and offline mode ({@link MavenRun}).
 */
class ArchetypeIT {

    private static final String LANGUAGE = "upper";
    private static final String ARTIFACT = "org.acme.upper.bridge";
    private static final String JAR = ARTIFACT + "-0.1.0.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(60);
    /** Surefire's and Failsafe's summary line, e.g. {@code [INFO] Tests run: 42, Failures: 0, Errors: 0, Skipped: 0}. */
    private static final Pattern SUMMARY = Pattern.compile(
        "^\\[\\w+\\] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)$");

    @TempDir
    static Path work;

    private static Path home;
    private static Path jar;
    private static ProcessRun verify;

    /** Generates the project and runs its build: what every test here starts from. */
    @BeforeAll
    static void generateAndVerify() throws Exception {
        home = Distribution.copyTo(Files.createDirectories(work.resolve("ggen-ffi")));
        Path projects = Files.createDirectories(work.resolve("projects"));
        // the plugin by its full coordinates: outside a project, a prefix would take whatever version the repository says is latest
        ProcessRun generate = MavenRun.mvn(projects, work, System.getProperty("ggen.archetype.plugin"),
            "-DarchetypeGroupId=io.ggen.ffi", "-DarchetypeArtifactId=ggen-bridge-archetype",
            "-DarchetypeVersion=" + System.getProperty("ggen.version"),
            "-DgroupId=org.acme", "-DartifactId=" + ARTIFACT, "-Dversion=0.1.0", "-Dpackage=org.acme.upper",
            "-Dlanguage=" + LANGUAGE, "-DinteractiveMode=false");
        assertThat(generate.exitCode()).as(generate::describe).isZero();
        Path project = projects.resolve(ARTIFACT);

        verify = MavenRun.mvn(project, work, "verify");
        assertThat(verify.exitCode()).as(verify::describe).isZero();
        jar = project.resolve("target").resolve(JAR);
        assertThat(jar).as(verify::describe).isRegularFile();
        System.out.printf("archetype: %s: %d ms; mvn verify: %d ms%n", String.join(" ", generate.command()),
            generate.elapsed().toMillis(), verify.elapsed().toMillis());
    }

    @AfterAll
    static void unlinkLib() throws IOException {
        if (home != null) {
            Files.deleteIfExists(home.resolve("lib")); // the link, before the temporary folder is emptied
        }
    }

    @Test
    void theGeneratedProjectPassesItsContractTestAndItsInFrameworkTest() {
        List<String> lines = verify.stdoutLines();
        assertThat(lines).as(verify::describe)
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] Tests run: ").endsWith(" -- in org.acme.upper.internal.UpperBridgeContractTest"))
            .anySatisfy(line -> assertThat(line).startsWith("[INFO] Tests run: ").endsWith(" -- in org.acme.upper.itest.UpperBridgeIT"));
        TestSummary unit = TestSummary.of(lines, "maven-surefire-plugin", verify);
        TestSummary inFramework = TestSummary.of(lines, "maven-failsafe-plugin", verify);
        assertThat(unit.run()).as("Surefire: %s; %s", unit, verify.describe()).isPositive();
        assertThat(unit.allPassed()).as("Surefire: %s; %s", unit, verify.describe()).isTrue();
        assertThat(inFramework.run()).as("Failsafe: %s; %s", inFramework, verify.describe()).isPositive();
        assertThat(inFramework.allPassed()).as("Failsafe: %s; %s", inFramework, verify.describe()).isTrue();
        System.out.printf("archetype: the generated project ran %d contract and unit tests and %d in-framework tests,"
            + " all passed%n", unit.run(), inFramework.run());
    }

    @Test
    void itsJarDroppedIntoARunningContainerIsListedAndAnswersInTheShell() throws Exception {
        Files.deleteIfExists(home.resolve("deploy").resolve(JAR));
        try (GgenContainer container = GgenContainer.start(home, START_TIMEOUT, "--port",
                Integer.toString(Distribution.freePort()))) {
            long dropped = System.nanoTime();
            deploy();
            List<String> bridges = awaitListed(container);
            long listed = System.nanoTime();
            assertThat(bridges).as(container::tail).anySatisfy(line -> assertThat(line)
                .startsWith(LANGUAGE + " ").contains("upper-java").contains(ARTIFACT).contains("ACTIVE"));

            List<String> echo = container.run("ffi:call " + LANGUAGE + " --code x --function echo --input hi", COMMAND_TIMEOUT);
            assertThat(echo).as(container::tail).containsExactly("hi");
            System.out.printf("archetype: the jar dropped into deploy/ was listed by ffi:bridges in %d ms%n",
                (listed - dropped) / 1_000_000);
        }
    }

    @Test
    void aOneShotTestFfiAnswersWithItsJarInDeploy() throws Exception {
        deploy();
        Path workDir = Files.createDirectories(work.resolve("one-shot"));
        ProcessRun run = ProcessRun.ggen(home, workDir, ONE_SHOT_TIMEOUT,
            "test-ffi", LANGUAGE, "--code", "x", "--function", "echo", "--input", "hi");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("hi");
    }

    /** Puts the generated jar into deploy/ with one rename, so that FileInstall never reads half of it. */
    private static void deploy() throws IOException {
        Path deployed = home.resolve("deploy").resolve(JAR);
        if (Files.exists(deployed)) {
            return;
        }
        Path staging = Files.createDirectories(home.resolve("staging")).resolve(JAR);
        Files.copy(jar, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, deployed, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The lines of {@code ffi:bridges} once they list the language. The container says nothing when
     * FileInstall (which polls deploy/ every 500 ms) has started a bundle: ask its shell until it does.
     */
    private static List<String> awaitListed(GgenContainer container) {
        return await("ffi:bridges lists " + LANGUAGE).atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(100))
            .until(() -> container.run("ffi:bridges", COMMAND_TIMEOUT),
                bridges -> bridges.stream().anyMatch(line -> line.startsWith(LANGUAGE + " ")));
    }

    /** A summary line of Surefire or Failsafe. */
    private record TestSummary(int run, int failures, int errors, int skipped) {

        /** The first summary after the plugin's banner in a build's output. */
        static TestSummary of(List<String> lines, String plugin, ProcessRun build) {
            boolean inPlugin = false;
            for (String line : lines) {
                if (line.startsWith("[INFO] --- ")) {
                    inPlugin = line.contains(plugin);
                } else if (inPlugin) {
                    Matcher m = SUMMARY.matcher(line);
                    if (m.matches()) {
                        return new TestSummary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                    }
                }
            }
            throw new AssertionError("no test summary of " + plugin + " in " + build.describe());
        }

        boolean allPassed() {
            return failures == 0 && errors == 0 && skipped == 0;
        }
    }
}
