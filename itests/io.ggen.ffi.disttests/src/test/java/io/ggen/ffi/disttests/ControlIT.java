package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen} commands with a container running for the installation ({@code ggen start --no-shell}, a copy of
 * the distribution): they run in it through its control socket and behave as a throw-away run does (output,
 * exit codes, the caller's folder); {@code status}, {@code deploy}, {@code undeploy} and {@code stop} manage it;
 * other users and requests without the token get nothing; a killed container's socket is found stale.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String IN_CONTAINER = "running in the container of ";
    private static final String JS_TEST = "function test() { return 'JS works'; }";

    @TempDir
    static Path home;
    @TempDir
    static Path work;

    private static GgenContainer container;

    @BeforeAll
    static void startContainer() throws Exception {
        Distribution.copyTo(home);
        container = GgenContainer.start(home, START_TIMEOUT, "--no-shell", "--port", Integer.toString(Distribution.freePort()));
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

    private static ProcessRun ggen(String... args) throws IOException, InterruptedException {
        return ProcessRun.ggen(home, work, RUN_TIMEOUT, args);
    }

    @Test
    @Order(1)
    void aCommandRunsInTheContainerAndPrintsWhatAThrowAwayRunPrints() throws Exception {
        ProcessRun inContainer = ggen("test-ffi", "javascript", "--code", JS_TEST, "--function", "test");
        ProcessRun standalone = ggen("test-ffi", "javascript", "--code", JS_TEST, "--function", "test", "--standalone");

        assertThat(inContainer.exitCode()).as(inContainer.describe()).isZero();
        assertThat(inContainer.stdout()).isEqualTo("JS works\n").isEqualTo(standalone.stdout());
        assertThat(inContainer.stderrLines()).as("said once, on stderr").singleElement().asString()
            .contains(IN_CONTAINER + home + " (pid " + container.process().pid() + ")");
        assertThat(standalone.exitCode()).as(standalone.describe()).isZero();
        assertThat(standalone.stderr()).doesNotContain(IN_CONTAINER);
    }

    @Test
    @Order(2)
    void relativePathsAreTheCallersAndExitCodesTheCommands() throws Exception {
        Files.writeString(work.resolve("lib.js"), "function add(a, b) { return a + b; }");
        Files.writeString(work.resolve("greeting.py"), "def hello(name):\n    return 'Hello, ' + name\n");

        ProcessRun add = ggen("test-ffi", "js", "--file", "lib.js", "--function", "add", "--input-json", "1", "--input-json", "2");
        assertThat(add.stdout()).as(add.describe()).isEqualTo("3\n");
        ProcessRun python = ggen("test-ffi", "python", "--module", "greeting", "--function", "hello", "--input", "Ada");
        assertThat(python.stdout()).as("a named module of the caller's folder: " + python.describe()).isEqualTo("Hello, Ada\n");

        ProcessRun thrown = ggen("test-ffi", "js", "--code", "function f() { throw new Error('boom'); }", "--function", "f");
        assertThat(thrown.exitCode()).as(thrown.describe()).isEqualTo(1);
        assertThat(thrown.stderr()).contains("error:").contains("boom");
        ProcessRun missing = ggen("test-ffi", "js", "--file", "lib.js", "--function", "nope");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        ProcessRun noFile = ggen("test-ffi", "js", "--file", "absent.js", "--function", "f");
        assertThat(noFile.exitCode()).as(noFile.describe()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("absent.js: no such readable file");
    }

    @Test
    @Order(3)
    void ctrlCCancelsTheCallInTheContainerWhichGoesOn() throws Exception {
        // Its own session, as a terminal's foreground job; SIGINT reset to its default (a background job's is ignored)
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid", home.resolve("bin/ggen").toString(),
            "test-ffi", "js", "--code", "function spin() { while (true) {} }", "--function", "spin"));
        Path err = work.resolve("spin.err");
        Process spin = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(false)
            .redirectOutput(work.resolve("spin.out").toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(RUN_TIMEOUT).until(() -> Files.readString(err).contains(IN_CONTAINER));
            Thread.sleep(500);   // deliberate: the call is under way in the container, not only sent
            new ProcessBuilder("kill", "-INT", "--", "-" + spin.pid()).inheritIO().start().waitFor();   // the whole group, as Ctrl-C

            assertThat(spin.waitFor(20, TimeUnit.SECONDS)).as("ggen ended after Ctrl-C; stderr: %s", Files.readString(err)).isTrue();
            assertThat(Files.readString(err)).contains("Cancelled");
            assertThat(spin.exitValue()).isEqualTo(130);
        } finally {
            Distribution.kill(spin.toHandle());
        }
        ProcessRun after = ggen("test-ffi", "javascript", "--code", JS_TEST, "--function", "test");
        assertThat(after.stdout()).as(after.describe()).isEqualTo("JS works\n");
    }

    @Test
    @Order(4)
    void deployWaitsUntilTheBridgeIsActiveAndUndeployRemovesIt() throws Exception {
        Path jar = EchoBridgeJar.build(home, work, "echo-bridge.jar", EchoBridgeJar.SYMBOLIC_NAME, null);

        ProcessRun deploy = ggen("deploy", jar.toString());
        assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
        assertThat(deploy.stdout()).isEqualTo("deployed org.acme.echo 1.0.0: ACTIVE\n");
        assertThat(home.resolve("deploy/echo-bridge.jar")).exists();
        ProcessRun echo = ggen("test-ffi", "echo", "--code", "-", "--function", "echo", "--input", "hi there");
        assertThat(echo.stdout()).as(echo.describe()).isEqualTo("hi there\n");
        ProcessRun status = ggen("status");
        assertThat(status.stdout()).as(status.describe())
            .containsPattern("org\\.acme\\.echo\\s+1\\.0\\.0\\s+ACTIVE")
            .containsPattern("echo\\s+echo\\s+0\\s+org\\.acme\\.echo\\s+ACTIVE");

        ProcessRun undeploy = ggen("undeploy", EchoBridgeJar.SYMBOLIC_NAME);
        assertThat(undeploy.exitCode()).as(undeploy.describe()).isZero();
        assertThat(undeploy.stdout()).isEqualTo("undeployed org.acme.echo 1.0.0 (deploy/echo-bridge.jar)\n");
        assertThat(home.resolve("deploy/echo-bridge.jar")).doesNotExist();
        ProcessRun gone = ggen("test-ffi", "echo", "--code", "-", "--function", "echo", "--input", "hi");
        assertThat(gone.exitCode()).as(gone.describe()).isEqualTo(2);
        assertThat(gone.stderr()).contains("no bridge for echo");
    }

    @Test
    @Order(5)
    void aBundleThatCannotResolveIsReportedWithTheMissingPackage() throws Exception {
        Path jar = EchoBridgeJar.build(home, work, "broken.jar", "org.acme.broken", "org.acme.missing");

        ProcessRun deploy = ggen("deploy", "broken.jar");
        assertThat(deploy.exitCode()).as(deploy.describe()).isEqualTo(1);
        assertThat(deploy.stderr()).contains("org.acme.broken 1.0.0 (deploy/broken.jar) is not active: it cannot resolve:"
            + " missing package (osgi.wiring.package=org.acme.missing)");

        ProcessRun undeploy = ggen("undeploy", jar.getFileName().toString());
        assertThat(undeploy.exitCode()).as(undeploy.describe()).isZero();
        ProcessRun boot = ggen("undeploy", "io.ggen.ffi.runtime");
        assertThat(boot.exitCode()).as(boot.describe()).isEqualTo(2);
        assertThat(boot.stderr()).contains("installed from elsewhere (boot/)");
    }

    @Test
    @Order(6)
    void statusShowsTheWorkerPoolsAndTheirProcesses() throws Exception {
        Files.writeString(work.resolve("shout_worker.py"), """
            import sys
            sys.path.insert(0, %s)
            from ggen_worker import Worker
            w = Worker("shout")
            w.register("shout", lambda s: s.upper() + "!")
            w.serve()
            """.formatted("'" + Distribution.home().resolve("sdk/python") + "'"));
        Files.writeString(home.resolve("deploy/io.ggen.ffi.bridge.rpc.worker-shout.cfg"),
            "name=shout\nlanguage=cpython\ncommand=python3 " + work.resolve("shout_worker.py") + "\npool.size=2\n");
        String[] shown = new String[1];
        await().atMost(RUN_TIMEOUT).until(() -> {   // FileInstall reads the configuration; the pool starts its workers
            shown[0] = ggen("status").stdout();
            return shown[0].contains("2 of 2 processes, 0 module(s): shout: python3 ");
        });
        ProcessRun call = ggen("test-ffi", "cpython", "--worker", "shout", "--function", "shout", "--input", "hey");
        assertThat(call.stdout()).as(call.describe()).isEqualTo("HEY!\n");
        assertThat(shown[0]).contains("container: pid " + container.process().pid(), "bridges:", "native memory:", "cache:");
        List<Long> pids = Pattern.compile("^\\s+(\\d+)\\s+\\S+\\s+\\d+\\s+\\d+\\s+\\d+\\s*$", Pattern.MULTILINE)
            .matcher(shown[0]).results().map(m -> Long.parseLong(m.group(1))).toList();
        List<Long> children = container.process().descendants().map(ProcessHandle::pid).toList();
        assertThat(pids).as("the worker processes' rows in:%n%s", shown[0]).hasSize(2).allMatch(children::contains);
        Files.delete(home.resolve("deploy/io.ggen.ffi.bridge.rpc.worker-shout.cfg"));
    }

    @Test
    @Order(7)
    void anotherUserCannotReachTheSocketNorUseItWithTheToken() throws Exception {
        assertThat(System.getProperty("user.name")).as("this test switches to user nobody with runuser, which needs root:"
            + " run the distribution tests as root (CI does)").isEqualTo("root");
        Path socket = home.resolve("run/ggen.sock");
        Path token = home.resolve("run/token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("run")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));   // nobody may reach run/, not in it

        ProcessRun refused = asNobody(socket, "");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(3);
        assertThat(refused.stdout()).contains("Permission denied");

        // Even with the folder opened up by mistake and the token stolen, the container checks the peer's user.
        Files.setPosixFilePermissions(home.resolve("run"), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            ProcessRun stolen = asNobody(socket, Files.readString(token));
            assertThat(stolen.exitCode()).as(stolen.describe()).isZero();
            assertThat(stolen.stdout()).contains("received 0 bytes");
        } finally {
            Files.setPosixFilePermissions(home.resolve("run"), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Connects to the socket as user nobody (python3) and sends a token and a command; prints what came back. */
    private static ProcessRun asNobody(Path socket, String token) throws IOException, InterruptedException {
        String script = """
            import socket, struct, sys
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(sys.argv[1])
            except OSError as e:
                print("refused:", e)
                sys.exit(3)
            try:
                for kind, payload in ((b'H', sys.argv[2].encode()), (b'R', b'/\\0status')):
                    s.sendall(kind + struct.pack('>i', len(payload)) + payload)
                data = s.recv(4096)
            except OSError as e:   # closed with our bytes unread: a reset
                data = b''
            print("received", len(data), "bytes")
            """;
        return ProcessRun.of(new ProcessBuilder("runuser", "-u", "nobody", "--", "python3", "-c", script, socket.toString(), token),
            work, RUN_TIMEOUT);
    }

    @Test
    @Order(8)
    void aRequestWithoutTheTokenGetsNothing() throws Exception {
        for (byte[] hello : List.of(frame('H', "not-the-token"), "garbage".getBytes(StandardCharsets.UTF_8))) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(home.resolve("run/ggen.sock")));
                assertThat(exchange(channel, hello, frame('R', "/\0status"))).as("the container closes without a byte").isZero();
            }
        }
    }

    /** Sends the requests and reads the answer: how many bytes came before the container closed. */
    private static int exchange(SocketChannel channel, byte[]... requests) {
        try {
            for (byte[] request : requests) {
                channel.write(ByteBuffer.wrap(request));
            }
            return Math.max(0, channel.read(ByteBuffer.allocate(4096)));
        } catch (IOException e) {
            return 0;   // closed with our bytes unread: a reset, or a broken pipe
        }
    }

    private static byte[] frame(char kind, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + bytes.length).put((byte) kind).putInt(bytes.length).put(bytes).array();
    }

    @Test
    @Order(9)
    void containerCommandsSaySoWhenNoneRuns(@TempDir Path otherHome) throws Exception {
        Distribution.copyTo(otherHome);
        try {
            ProcessRun status = ProcessRun.ggen(otherHome, work, RUN_TIMEOUT, "status");
            assertThat(status.exitCode()).as(status.describe()).isEqualTo(3);
            assertThat(status.stderr()).contains("ggen status: no container runs for " + otherHome)
                .contains("start one with 'ggen start'");
        } finally {
            Files.deleteIfExists(otherHome.resolve("lib"));
        }
    }

    @Test
    @Order(10)
    void stopStopsTheContainerAndWaitsForItsExit() throws Exception {
        ProcessRun stop = ggen("stop");

        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdoutLines()).containsExactly("stopping the container (pid " + container.process().pid() + ")", "stopped");
        assertThat(container.process().isAlive()).isFalse();
        assertThat(home.resolve("run/ggen.sock")).doesNotExist();
        assertThat(home.resolve("run/token")).doesNotExist();
    }

    @Test
    @Order(11)
    void aKilledContainersSocketIsFoundStaleAndCommandsRunWithoutIt() throws Exception {
        container.close();
        container = GgenContainer.start(home, START_TIMEOUT, "--no-shell", "--port", Integer.toString(Distribution.freePort()));
        ProcessRun second = ggen("start", "--no-shell", "--port", Integer.toString(Distribution.freePort()));
        assertThat(second.exitCode()).as(second.describe()).isEqualTo(2);
        assertThat(second.stderr()).contains("a container already runs for " + home);

        Distribution.kill(container.process().toHandle());
        container.process().waitFor(10, TimeUnit.SECONDS);
        assertThat(home.resolve("run/ggen.sock")).as("a killed container cannot remove it").exists();

        ProcessRun run = ggen("test-ffi", "javascript", "--code", JS_TEST, "--function", "test");
        assertThat(run.stdout()).as(run.describe()).isEqualTo("JS works\n");
        assertThat(run.stderr()).doesNotContain(IN_CONTAINER);
        assertThat(home.resolve("run/ggen.sock")).doesNotExist();
    }
}
