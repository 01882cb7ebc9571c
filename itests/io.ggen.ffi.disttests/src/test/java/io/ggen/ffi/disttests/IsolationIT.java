package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolated modules in a running container ({@code ggen start}) and in one-shot runs: a C library
 * built here with gcc that segfaults, aborts and exits; the test bridge whose calls never return
 * and ignore cancellation (io.ggen.ffi.testbridge, dropped into deploy/); a JavaScript memory hog;
 * many calls at once; and no isolate left behind when its bridge goes away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** An isolated call boots a child JVM first: seconds on a busy machine. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final String JS_ADD = "ffi:call js --code \"function add(a, b) { return a + b; }\" --function add"
        + " --input-json 1 --input-json 2";

    @TempDir
    static Path home;
    @TempDir
    static Path work;

    private static Path library;
    private static GgenContainer container;
    private static long pid;

    @BeforeAll
    static void startContainer() throws Exception {
        library = compile(work);
        Distribution.copyTo(home);
        Path testBridge = Path.of(System.getProperty("ggen.testbridge"));
        Files.copy(testBridge, home.resolve("deploy").resolve(testBridge.getFileName()));
        // an operator's choice: modules of the JNA bridge run isolated unless they say otherwise
        Files.writeString(home.resolve("deploy/io.ggen.ffi.runtime.cfg"), "isolated=jna\n");
        container = GgenContainer.start(home, START_TIMEOUT, "--port", Integer.toString(Distribution.freePort()));
        pid = container.process().pid();
        awaitOutput(JS_ADD, "3");
        awaitOutput("ffi:call spin --code x --function echo --input hello", "hello");
    }

    @AfterAll
    static void killContainer() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            Files.deleteIfExists(home.resolve("lib"));
        }
    }

    @Test
    @Order(1)
    void aSignalOrAnExitInAnIsolateFailsTheCallWithItsNameAndNothingElse() throws Exception {
        for (String[] misdeed : new String[][] {{"crash", "SIGSEGV"}, {"fail_abort", "SIGABRT"}, {"quit", "exit 3"}}) {
            List<String> failed = container.run(cCall(misdeed[0]) + " --isolated", CALL_TIMEOUT);
            assertThat(failed).as(container::tail)
                .anySatisfy(line -> assertThat(line).startsWith("error: [c] " + misdeed[1] + ": isolate of panama for "))
                .noneMatch(line -> line.contains("A fatal error has been detected"));
            assertThat(container.run(cCall("noisy_twice") + " --isolated", CALL_TIMEOUT)).as(container::tail)
                .containsExactly("2");
            assertThat(container.run(JS_ADD, CALL_TIMEOUT)).as(container::tail).containsExactly("3");
            assertThat(container.process().isAlive()).isTrue();
            assertThat(container.process().pid()).isEqualTo(pid);
        }
        assertThat(container.lines()).as(container::tail)
            .anySatisfy(line -> assertThat(line).contains("problematic frame: C  [libmisbehave.so+").contains("crash+"));

        // isolated by the configuration (isolated=jna), not by the command
        assertThat(container.run(cCall("crash") + " --bridge jna", CALL_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).startsWith("error: [c] SIGSEGV: isolate of jna for "));
        assertThat(container.process().isAlive()).isTrue();
        try (Stream<Path> reports = Files.list(home.resolve("log/isolates"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("hs_err_pid"));
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
        }
    }

    @Test
    @Order(2)
    void aCallThatIgnoresCancellationEndsAtItsTimeoutInProcessAndIsolatedAndIsCountedAsStuck() throws Exception {
        long start = System.nanoTime();
        List<String> inProcess = container.run("ffi:call spin --code x --function spin --timeout 2s", CALL_TIMEOUT);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(inProcess).as(container::tail)
            .anySatisfy(line -> assertThat(line).contains("call to spin timed out after 2s").contains("(stuck)"));
        assertThat(waited).isLessThan(Duration.ofSeconds(10));

        List<String> isolated = container.run("ffi:call spin --code x --function spin --timeout 2s --isolated",
            CALL_TIMEOUT);
        assertThat(isolated).as(container::tail)
            .anySatisfy(line -> assertThat(line).contains("call to spin timed out after 2s").contains("isolate"));

        List<String> metrics = container.run("ffi:metrics", CALL_TIMEOUT);
        // ... ERRORS STUCK MEAN_US MAX_US: the module column may hold spaces, so count from the end
        assertThat(metrics.getFirst().trim().split("\\s+")).as("ffi:metrics: %s", metrics)
            .endsWith("ERRORS", "STUCK", "MEAN_US", "MAX_US");
        List<String> spins = metrics.stream().filter(line -> line.startsWith("spinner ") && line.contains(" spin ")).toList();
        assertThat(spins).as("ffi:metrics: %s", metrics).isNotEmpty();
        long stuckCalls = spins.stream().map(line -> line.trim().split("\\s+"))
            .mapToLong(columns -> Long.parseLong(columns[columns.length - 3])).sum();
        assertThat(stuckCalls).as("ffi:metrics: %s", metrics).isEqualTo(1);   // the isolated one was killed
    }

    @Test
    @Order(3)
    void theOneShotCommandLineExits124AtTheTimeoutInProcessAndIsolated() throws Exception {
        for (String isolation : new String[] {"--option=isolation=none", "--isolated"}) {
            ProcessRun run = ProcessRun.ggen(home, work, Duration.ofSeconds(120), "test-ffi", "spin", "--code", "x",
                "--function", "spin", "--timeout", "2s", isolation);
            assertThat(run.exitCode()).as(run::describe).isEqualTo(124);
            assertThat(run.stderr()).as(run::describe).contains("call to spin timed out after 2s");
        }
    }

    @Test
    @Order(4)
    void anIsolateThatUsesUpItsCpuTimeIsEndedWithTheLimitNamed() throws Exception {
        // the limit covers the isolate's life, its JVM's boot included (a few seconds of CPU)
        List<String> spun = container.run(cCall("spin") + " --isolated --option isolation.cpu=15", CALL_TIMEOUT);
        assertThat(spun).as(container::tail).anySatisfy(line -> assertThat(line).startsWith("error: [c] SIGXCPU: ")
            .contains("CPU time limit of 15 s"));
        assertThat(container.run(JS_ADD, CALL_TIMEOUT)).as(container::tail).containsExactly("3");
    }

    @Test
    @Order(4)
    void anIsolatedMemoryHogMeetsItsHeapLimitAndTheContainersHeapIsUntouched() throws Exception {
        long before = HeapAfterGc.measure(container.process().toHandle(), work);
        List<String> hog = container.run("ffi:call js --code \"function hog() { const a = []; for (;;) {"
            + " a.push(new Array(100000).fill(1.5)); } }\" --function hog --isolated --option isolation.heap=256m",
            CALL_TIMEOUT);
        long after = HeapAfterGc.measure(container.process().toHandle(), work);
        assertThat(hog).as(container::tail).anySatisfy(line -> assertThat(line)
            .startsWith("error: [javascript] OutOfMemoryError: ").contains("heap limit is 256m")
            .contains("isolation.heap"));
        System.out.printf("container heap after GC: %.1f MB before the isolated memory hog, %.1f MB after%n",
            before / 1048576.0, after / 1048576.0);
        assertThat(after).as("used heap after GC, before %d, after %d", before, after).isLessThan(before + 16 * 1048576L);
        assertThat(container.run(JS_ADD, CALL_TIMEOUT)).as(container::tail).containsExactly("3");
    }

    @Test
    @Order(5)
    void eightThreadsMakeAThousandIsolatedCallsEachAllRight() throws Exception {
        List<String> output = container.run(cCall("inc") + " --isolated --repeat 1000 --threads 8", CALL_TIMEOUT);
        assertThat(output).as(container::tail).contains("2", "8000 calls on 8 thread(s) all returned the same");
    }

    @Test
    @Order(6)
    void noIsolateOutlivesItsBridgeRemovedFromDeployDuringCalls() throws Exception {
        GgenContainer.Pending load = container.send(cCall("inc") + " --isolated --repeat 1000000 --threads 4");
        awaitIsolates(CALL_TIMEOUT).untilAsserted(() -> assertThat(isolates())
            .as("isolate-host processes of %s in /proc; %s", home, container.tail()).isNotEmpty());
        try (Stream<Path> jars = Files.list(home.resolve("deploy"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("io.ggen.ffi.bridge.panama-")).toList()) {
                Files.move(jar, work.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        List<String> ended = container.awaitMark(load, CALL_TIMEOUT);
        assertThat(ended).as(container::tail).anySatisfy(line -> assertThat(line).startsWith("error: "));
        awaitIsolates(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(isolates())
            .as("isolate-host processes left in /proc after the bridge went: %s", container.tail()).isEmpty());
        assertThat(container.run(JS_ADD, CALL_TIMEOUT)).as(container::tail).containsExactly("3");
    }

    @Test
    @Order(7)
    void isolatesEndWhenTheContainerIsKilled() throws Exception {
        container.send(cCall("inc") + " --isolated --repeat 1000000");
        awaitIsolates(CALL_TIMEOUT).until(() -> !isolates().isEmpty());
        List<Long> running = isolates();
        assertThat(running).as("isolate-host processes of %s in /proc; %s", home, container.tail()).isNotEmpty();
        container.process().destroyForcibly();   // SIGKILL: no shutdown hook, no clean stop
        assertThat(container.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        awaitIsolates(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(isolates())
            .as("isolates left after the container was killed (%s before)", running).isEmpty());
    }

    private static String cCall(String function) {
        return "ffi:call c --library " + library + " --function " + function + " --signature \"int " + function
            + "(int x)\" --input-json 1";
    }

    /** Looks at this container's isolates in /proc every 100 ms, up to {@code timeout}. */
    private static ConditionFactory awaitIsolates(Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(100));
    }

    /** The pids of this container's isolates, read from /proc/PID/cmdline. */
    private static List<Long> isolates() throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                } catch (IOException e) {
                    continue;   // ended meanwhile
                }
                if (cmdline.contains("isolate-host") && cmdline.contains("-Dggen.home=" + home)) {
                    found.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        }
        return found;
    }

    private static void awaitOutput(String command, String expected) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(container.run(command, CALL_TIMEOUT)).as(container::tail).containsExactly(expected));
    }

    /** Builds libmisbehave.so from the test's C source with gcc. */
    private static Path compile(Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("misbehave.c");
        try (InputStream in = IsolationIT.class.getResourceAsStream("/isolation/misbehave.c")) {
            Files.copy(in, source);
        }
        Path library = dir.resolve("libmisbehave.so");
        ProcessRun gcc = ProcessRun.of(new ProcessBuilder("gcc", "-shared", "-fPIC", "-O0", "-o", library.toString(),
            source.toString()), dir, Duration.ofSeconds(60));
        assertThat(gcc.exitCode()).as(gcc::describe).isZero();
        return library;
    }
}
