package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen start} as a user runs it: one container for the class, started from a copy of the distribution
 * (the build output is never written to), driven through its Gogo shell on stdin, reached over HTTP, its
 * deploy/ folder changed with plain file operations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CALL_OK = "ffi:call javascript --code \"function f(){ return 'ok'; }\" --function f";
    private static final Pattern BRIDGE_IN_LB = Pattern.compile("^\\s*(\\d+)\\|(\\w+)\\s*\\|.*\\|" + Pattern.quote(Distribution.JS_BRIDGE) + " \\(");

    @TempDir
    static Path home;

    private static int port;
    private static GgenContainer container;
    private static BridgeJar bridgeJar;

    @BeforeAll
    static void startContainer() throws Exception {
        Distribution.copyTo(home);
        bridgeJar = BridgeJar.in(home);
        port = Distribution.freePort();
        container = GgenContainer.start(home, START_TIMEOUT, "--port", Integer.toString(port));
    }

    @AfterAll
    static void killContainer() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            Files.deleteIfExists(home.resolve("lib")); // the link, before the temporary folder is emptied
        }
    }

    /** Whatever a failed test left behind: the bridge in deploy/ and answering. */
    @BeforeEach
    void bridgeDeployed() throws Exception {
        if (container.process().isAlive() && !bridgeJar.isDeployed()) {
            bridgeJar.putBack();
            awaitCallWorks();
        }
    }

    @Test
    @Order(1)
    void startsAndServesTheWebConsoleWithBasicAuthentication() throws Exception {
        assertThat(container.lines()).as(container::tail)
            .contains("Web Console: http://127.0.0.1:" + port + "/system/console (user admin)")
            .anySatisfy(line -> assertThat(line).matches("GGen FFI started in \\d+\\.\\d s"));
        System.out.printf("ggen start: %s%n", container.lines().stream()
            .filter(line -> line.startsWith("GGen FFI started in ")).findFirst().orElseThrow());

        URI bundles = URI.create("http://127.0.0.1:" + port + "/system/console/bundles");
        String credentials = Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(bundles).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(authorized.statusCode()).as("GET %s as admin: %s", bundles, authorized.body()).isEqualTo(200);
            assertThat(authorized.body()).contains(Distribution.JS_BRIDGE);

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(bundles).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("GET %s without credentials", bundles).isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void callsJavaScriptFromTheShell() throws Exception {
        awaitCallWorks(); // the bridges of deploy/ start after "GGen FFI started", GraalJS's engine takes a moment

        assertThat(container.run("ffi:bridges", COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).startsWith("javascript ").contains(" ACTIVE ").contains("optimizing compiler"));
    }

    @Test
    @Order(3)
    void removingTheBridgeJarStopsCallsAndPuttingItBackRestoresThem() throws Exception {
        long removed = System.nanoTime();
        bridgeJar.remove();
        awaitNoBridges();
        long gone = System.nanoTime();

        List<String> failedCall = container.run(CALL_OK, COMMAND_TIMEOUT);
        assertThat(failedCall).as(container::tail)
            .doesNotContain("ok")
            .anySatisfy(line -> assertThat(line).startsWith("error: ").contains("no bridge for javascript"));

        long back = System.nanoTime();
        bridgeJar.putBack();
        awaitCallWorks();
        long working = System.nanoTime();
        assertThat(container.run("ffi:bridges", COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).startsWith("javascript ").contains(" ACTIVE "));
        System.out.printf("hot deploy: jar removed -> no bridge in %d ms; jar back -> calls work in %d ms%n",
            (gone - removed) / 1_000_000, (working - back) / 1_000_000);
    }

    @Test
    @Order(4)
    void overwritingTheBridgeJarUpdatesTheBundleInPlace() throws Exception {
        long before = bridgeBundle().orElseThrow(() -> new AssertionError("no bridge bundle in lb -s: " + container.tail()));

        bridgeJar.overwriteWithRebuilt();
        // The new revision has the extra entry: proof that FileInstall updated the bundle from the new bytes.
        String entryOfNewRevision = "(bundle " + before + ") getEntry " + BridgeJar.REBUILT_ENTRY;
        eventually().untilAsserted(() -> assertThat(container.run(entryOfNewRevision, COMMAND_TIMEOUT))
            .as("%s never showed the new entry; %s", entryOfNewRevision, container.tail())
            .anySatisfy(line -> assertThat(line).contains("/" + BridgeJar.REBUILT_ENTRY)));

        awaitCallWorks();
        assertThat(bridgeBundle()).as("the bundle id in lb -s after the update: %s", container.tail()).hasValue(before);
    }

    /** the Python bridge leaves deploy/ and comes back while JavaScript keeps serving. */
    @Test
    @Order(5)
    void removingThePythonBridgeLeavesJavaScriptServing() throws Exception {
        String callPython = "ffi:call python --code \"def f(): return 'py'\" --function f";
        Path deployed;
        try (Stream<Path> files = Files.list(home.resolve("deploy"))) {
            deployed = files.filter(f -> f.getFileName().toString().startsWith("io.ggen.ffi.bridge.python-"))
                .findFirst().orElseThrow(() -> new AssertionError("no Python bridge in " + home.resolve("deploy")));
        }
        Path parked = Files.createDirectories(home.resolve("staging")).resolve("python-bridge.jar");
        Files.move(deployed, parked);

        eventually().pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
            container.run("ffi:bridges --wait 0", COMMAND_TIMEOUT)).as(container::tail).noneMatch(line -> line.startsWith("python ")));
        assertThat(container.run(CALL_OK, COMMAND_TIMEOUT)).as(container::tail).containsExactly("ok");
        assertThat(container.run(callPython, COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).startsWith("error: ").contains("no bridge for python"));

        Files.move(parked, deployed);
        eventually().untilAsserted(() -> assertThat(container.run(callPython, COMMAND_TIMEOUT)).as(container::tail)
            .containsExactly("py"));
        assertThat(container.run(CALL_OK, COMMAND_TIMEOUT)).as(container::tail).containsExactly("ok");
    }

    /** both C bridges leave deploy/: calls to C stop, the library is unloaded, JavaScript keeps serving. */
    @Test
    @Order(5)
    void removingTheCBridgesUnloadsTheirLibraries() throws Exception {
        String analyze = "ffi:call c --library libanalyzer.so --function analyze_code --input \"int main() {}\"";
        String expected = "C analysis complete: 1 line, 13 characters, 1 function";
        assertThat(container.run(analyze, COMMAND_TIMEOUT)).as(container::tail).containsExactly(expected);
        assertThat(container.run(analyze + " --bridge jna", COMMAND_TIMEOUT)).as(container::tail).containsExactly(expected);
        assertThat(mappedLibraries()).as("libanalyzer.so is loaded").anyMatch(line -> line.endsWith("/libanalyzer.so"));

        List<Path> parked = new ArrayList<>();
        for (String bridge : List.of("io.ggen.ffi.bridge.panama-", "io.ggen.ffi.bridge.jna-")) {
            Path jar = deployed(bridge);
            parked.add(jar);
            Files.move(jar, Files.createDirectories(home.resolve("staging")).resolve(jar.getFileName()));
        }
        eventually().untilAsserted(() -> assertThat(container.run(analyze, COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).contains("no bridge for c")));
        assertThat(container.run(CALL_OK, COMMAND_TIMEOUT)).as(container::tail).containsExactly("ok");
        // Panama's libraries go with the garbage its stop leaves; JNA's are closed at once.
        eventually().untilAsserted(() -> {
            HeapAfterGc.measure(container.process().toHandle(), home);   // a full GC, so that the garbage goes
            assertThat(mappedLibraries()).as("libanalyzer.so after both C bridges left")
                .noneMatch(line -> line.endsWith("/libanalyzer.so"));
        });

        for (Path jar : parked) {
            Files.move(home.resolve("staging").resolve(jar.getFileName()), jar);
        }
        eventually().untilAsserted(() -> assertThat(container.run(analyze, COMMAND_TIMEOUT)).as(container::tail)
            .containsExactly(expected));
    }

    /** a worker pool declared by a configuration file in deploy/ starts, serves, and stops with it. */
    @Test
    @Order(5)
    void aWorkerConfigurationInDeployStartsAndStopsItsProcesses() throws Exception {
        Path sdk = Path.of("../../sdk/python").toAbsolutePath().normalize();
        Path worker = Files.createDirectories(home.resolve("staging")).resolve("pid_worker.py");
        Files.writeString(worker, """
            import os, sys
            sys.path.insert(0, %s)
            from ggen_worker import Worker
            w = Worker("pid")
            w.register("pid", os.getpid)
            w.serve()
            """.formatted("'" + sdk + "'"));
        Path config = home.resolve("deploy/io.ggen.ffi.bridge.rpc.worker-pids.cfg");
        Files.writeString(config, "name=pids\nlanguage=cpython\ncommand=python3 " + worker + "\npool.size=2\n");
        String call = "ffi:call cpython --module pids --function pid";
        AtomicReference<List<String>> output = new AtomicReference<>();
        eventually().untilAsserted(() -> {
            output.set(container.run(call, COMMAND_TIMEOUT));
            assertThat(output.get()).as(container::tail).singleElement().satisfies(line -> assertThat(line).matches("\\d+"));
        });
        long pid = Long.parseLong(output.get().getFirst());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::parent).flatMap(p -> p).map(ProcessHandle::pid))
            .as("the worker is a child of the container").contains(container.process().pid());

        Files.delete(config);
        // a worker that exited is alive (a zombie, without a command line) until the container reaps it
        eventually().pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %d after its .cfg was deleted", pid).isFalse();
            assertThat(workersOf(container.process())).as("no worker left").isEmpty();
        });
    }

    private static Stream<ProcessHandle> workersOf(Process container) {
        return container.descendants().filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("pid_worker"));
    }

    private static Path deployed(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("deploy"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in " + home.resolve("deploy")));
        }
    }

    /** The files the container's JVM has mapped, from /proc. */
    private static List<String> mappedLibraries() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(container.process().pid()), "maps"));
    }

    @Test
    @Order(5)
    void removingTheBridgeDuringACallNeitherHangsNorBreaksLaterCalls() throws Exception {
        GgenContainer.Pending slow = container.send("ffi:call javascript --code \"function slow(){ const t = Date.now();"
            + " while (Date.now() - t < 2000) {} return 'done'; }\" --function slow");
        Thread.sleep(300);   // not a wait for a condition: the removal lands while the 2 s call runs
        long removed = System.nanoTime();
        bridgeJar.remove();

        List<String> output = container.awaitMark(slow, COMMAND_TIMEOUT); // no hang
        long ended = System.nanoTime();
        assertThat(output).as("the output of the call in flight: %s", container.tail())
            .anySatisfy(line -> assertThat(line.equals("done") || line.startsWith("error: ")).isTrue());
        System.out.printf("call in flight when the bridge jar was removed: %s, %d ms after the removal%n",
            output.contains("done") ? "completed ('done')" : "failed: " + output, (ended - removed) / 1_000_000);

        bridgeJar.putBack();
        awaitCallWorks();
    }

    @Test
    @Order(6)
    void heapStaysFlatOverTwentyRedeploys() throws Exception {
        List<Long> cycleMillis = new ArrayList<>();
        long heapAfter5 = 0;
        long heapAfter20 = 0;
        for (int cycle = 1; cycle <= 20; cycle++) {
            long start = System.nanoTime();
            bridgeJar.remove();
            awaitNoBridges();
            bridgeJar.putBack();
            awaitCallWorks();
            cycleMillis.add((System.nanoTime() - start) / 1_000_000);
            if (cycle == 5) {
                heapAfter5 = HeapAfterGc.measure(container.process().toHandle(), home);
            } else if (cycle == 20) {
                heapAfter20 = HeapAfterGc.measure(container.process().toHandle(), home);
            }
        }
        System.out.printf(Locale.ROOT, "hot deploy cycles (remove, no bridge, put back, call works), ms: %s; mean %.0f ms%n",
            cycleMillis, cycleMillis.stream().mapToLong(Long::longValue).average().orElse(0));
        System.out.printf(Locale.ROOT, "heap used after GC: %.1f MB after cycle 5, %.1f MB after cycle 20 (growth %.1f MB)%n",
            mb(heapAfter5), mb(heapAfter20), mb(heapAfter20 - heapAfter5));
        assertThat(heapAfter20 - heapAfter5).as("heap growth from cycle 5 to cycle 20, bytes").isLessThan(64L << 20);
    }

    @Test
    @Order(7)
    void stopsCleanlyOnStopZero() throws Exception {
        Process process = container.process();
        List<ProcessHandle> family = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();

        boolean exited = container.stop(Duration.ofSeconds(30));

        assertThat(exited).as("exited within 30 s of 'stop 0'; %s", container.tail()).isTrue();
        assertThat(process.exitValue()).as(container::tail).isZero();
        assertThat(family).as("the launcher and what it started").noneMatch(ProcessHandle::isAlive);
        assertThat(javaProcessesOf(home)).as("processes running with -Dggen.home=%s", home).isEmpty();
        assertThat(container.lines()).as(container::tail).noneMatch(line -> line.contains("did not stop cleanly"));
        assertThat(listening(port)).as("something still listens on port %d", port).isFalse();
    }

    @Test
    @Order(8)
    void refusesTheWildcardHostWithTheDefaultPassword(@TempDir Path otherCopy) throws Exception {
        Distribution.copyTo(otherCopy); // not the running container's copy: a broken refusal would start a second one
        int wildcardPort = Distribution.freePort();
        try {
            ProcessRun run = ProcessRun.ggen(otherCopy, otherCopy, Duration.ofSeconds(60),
                "start", "--host", "0.0.0.0", "--port", Integer.toString(wildcardPort));

            assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
            assertThat(run.stderr()).as(run::describe).contains("default password").contains("GGEN_CONSOLE_PASSWORD");
            assertThat(run.elapsed()).as("refused at once, before the framework starts: %s", run.describe())
                .isLessThan(Duration.ofSeconds(15));
            assertThat(otherCopy.resolve("data")).as("framework storage: the framework never started").doesNotExist();
            assertThat(javaProcessesOf(otherCopy)).as("processes running with -Dggen.home=%s", otherCopy).isEmpty();
            assertThat(listening(wildcardPort)).as("something listens on port %d", wildcardPort).isFalse();
        } finally {
            javaProcessesOf(otherCopy).forEach(Distribution::kill);
            Files.deleteIfExists(otherCopy.resolve("lib"));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /**
     * Polls {@code ffi:bridges --wait 0} until it lists no JavaScript bridge, then {@code lb -s} until
     * the bridge bundle is uninstalled; the other bridges in deploy/ (Python) stay.
     */
    private static void awaitNoBridges() throws Exception {
        eventually().pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                container.run("ffi:bridges --wait 0", COMMAND_TIMEOUT))
            .as("ffi:bridges %d s after the jar was removed: %s", DEPLOY_TIMEOUT.toSeconds(), container.tail())
            .noneMatch(ContainerIT::isJavaScriptRow)
            .anySatisfy(line -> assertThat(line).startsWith("python ")));

        // FileInstall stops the bundle (the bridge leaves), then uninstalls it: a moment apart.
        eventually().pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(bridgeBundle())
            .as("lb -s %d s after the jar was removed: %s", DEPLOY_TIMEOUT.toSeconds(), container.tail()).isEmpty());
    }

    /**
     * Asks again every 200 ms until the assertion holds, for at most {@link #DEPLOY_TIMEOUT}; then fails
     * with the last assertion's message.
     */
    private static ConditionFactory eventually() {
        return await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(200));
    }

    private static boolean isJavaScriptRow(String line) {
        return line.startsWith("javascript ");
    }

    /** Calls until {@code ffi:call} prints ok (each call itself waits up to 5 s for a bridge). */
    private static void awaitCallWorks() throws Exception {
        eventually().untilAsserted(() -> assertThat(container.run(CALL_OK, COMMAND_TIMEOUT))
            .as("ffi:call %d s after the jar was put back: %s", DEPLOY_TIMEOUT.toSeconds(), container.tail())
            .containsExactly("ok"));
    }

    /** The id of the bridge bundle in {@code lb -s}, if it is installed. */
    private static OptionalLong bridgeBundle() throws Exception {
        for (String line : container.run("lb -s", COMMAND_TIMEOUT)) {
            Matcher m = BRIDGE_IN_LB.matcher(line);
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    private static List<ProcessHandle> javaProcessesOf(Path ggenHome) {
        String marker = "-Dggen.home=" + ggenHome;
        return ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
            .toList();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false; // refused: nobody listens
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
