package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ggen inspect}: what it asks of the bridge's configuration, what it says, and its usage errors; the
 * configuration itself is a fake here (the distribution test InspectRunningContainerIT changes the real one).
 */
class InspectCommandTest {

    private static final BridgeInfo JS = new BridgeInfo("javascript", List.of("js"), "graaljs", 100,
        "io.ggen.ffi.bridge.js", "1.1.0", BridgeCapabilities.of("cancellation", "inspector"), "GraalJS test");
    private static final BridgeInfo C = new BridgeInfo("c", List.of(), "panama", 100,
        "io.ggen.ffi.bridge.panama", "1.1.0", BridgeCapabilities.NONE, "Panama test");

    private final BridgeConfigurations configurations = mock(BridgeConfigurations.class);

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(JS, C);
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            throw new AssertionError("ggen inspect loads no module");
        }
    };

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = ExitCodes.reportErrors(new CommandLine(new InspectCommand(runtime,
            new BridgeWait(runtime, Duration.ofMillis(100)), () -> configurations)));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void turningItOnSetsThePortInTheBridgesConfigurationAndSaysHowToAttach() throws Exception {
        int port = freePort();
        when(configurations.pid(JS)).thenReturn("io.ggen.ffi.bridge.js");
        when(configurations.properties(JS)).thenReturn(Optional.of(Map.of()));
        Map<String, Object> on = Map.of("inspect.port", port, "inspect.suspend", true);
        when(configurations.await(eq(JS), eq(on), any())).thenReturn(true);

        Run run = run("js", "--port", Integer.toString(port), "--suspend");

        assertThat(run.exit()).as(run.err()).isZero();
        verify(configurations).update("io.ggen.ffi.bridge.js", on);
        assertThat(run.out())
            .contains("javascript bridge graaljs: the Chrome inspector is on at 127.0.0.1:" + port + " for every module it"
                + " loads (configuration io.ggen.ffi.bridge.js, kept until 'ggen inspect javascript --off')")
            .contains("Modules loaded before load again at their next call")
            .contains("Each module waits for a debugger when it loads")
            .contains("'ggen inspect javascript' lists them once loaded, so does http://127.0.0.1:" + port + "/json");
    }

    @Test
    void offSetsPortZeroAndABridgeThatDoesNotComeBackIsAnError() throws Exception {
        when(configurations.pid(JS)).thenReturn("io.ggen.ffi.bridge.js");
        Map<String, Object> off = Map.of("inspect.port", 0, "inspect.suspend", false);
        when(configurations.await(eq(JS), eq(off), any())).thenReturn(true, false);

        Run run = run("javascript", "--off");
        assertThat(run.exit()).as(run.err()).isZero();
        verify(configurations).update("io.ggen.ffi.bridge.js", off);
        assertThat(run.out()).startsWith("javascript bridge graaljs: the Chrome inspector is off (configuration"
            + " io.ggen.ffi.bridge.js); modules load again without it at their next call.");

        Run stuck = run("javascript", "--off");
        assertThat(stuck.exit()).isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(stuck.err()).contains("did not come back with the new configuration io.ggen.ffi.bridge.js");
    }

    @Test
    void withoutAnOptionItShowsTheStateAndThePathsOfTheLanguage() {
        when(configurations.properties(JS)).thenReturn(Optional.of(Map.of()));
        assertThat(run("js").out()).isEqualTo("javascript bridge graaljs: the Chrome inspector is off; turn it on with"
            + " 'ggen inspect javascript --port 9229'\n");

        String json = """
            [{"id":"python-inline-x","webSocketDebuggerUrl":"ws://127.0.0.1:9229/python-inline-x"},
             {"id":"javascript-lib.js-b","webSocketDebuggerUrl" : "ws://127.0.0.1:9229/javascript-lib.js-b"},
             {"id":"javascript-inline-a","webSocketDebuggerUrl":"ws://127.0.0.1:9229/javascript-inline-a"}]""";
        assertThat(InspectCommand.paths(json, "javascript")).containsExactly("javascript-inline-a", "javascript-lib.js-b");
    }

    @Test
    void aPortInUseIsRefusedBeforeTheConfigurationChanges() throws Exception {
        when(configurations.pid(JS)).thenReturn("io.ggen.ffi.bridge.js");
        when(configurations.properties(JS)).thenReturn(Optional.of(Map.of()));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("javascript", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("error: 127.0.0.1:" + taken.getLocalPort() + " is in use (another debugger or"
                + " program): give a free port, e.g. --port " + (taken.getLocalPort() + 1));
        }
        verify(configurations, never()).update(any(), any());
    }

    @Test
    void usageErrorsSayWhatToDo() {
        Run unknown = run("ruby", "--port");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("error: no bridge for 'ruby' is present; the Chrome inspector works for javascript");

        Run c = run("c", "--port");
        assertThat(c.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(c.err()).contains("error: the c bridge panama has no debugger support; the Chrome inspector works for"
            + " javascript. For a worker (go, cpython, node), start it under its own debugger");

        assertThat(run("js", "--off", "--port").err()).contains("give --off alone");
        assertThat(run("js", "--port", "70000").err()).contains("--port takes a TCP port from 1 to 65535, not 70000");
        assertThat(run("--off").err()).contains("name the bridge's language, e.g. ggen inspect javascript --off");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
