package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/** The module options that ask for the inspector, and the real inspector on an engine of its own. */
class ChromeInspectorTest {

    private static final GuestLanguage JS = new GuestLanguage("javascript", "js", "JavaScript", "graaljs");
    private static final ModuleSpec CODE = ModuleSpec.code("javascript", "function f() { return 1; }");

    @Test
    void aModuleWithoutTheOptionAsksForNoInspector() {
        assertThat(ChromeInspector.of(CODE, JS)).isEmpty();
    }

    @Test
    void thePortOptionAsksForAnInspectorThatDoesNotSuspend() {
        assertThat(ChromeInspector.of(CODE.withOption("inspect", "9300"), JS))
            .contains(new ChromeInspector(9300, false));
        assertThat(ChromeInspector.of(CODE.withOption("inspect", ""), JS))
            .contains(new ChromeInspector(ChromeInspector.DEFAULT_PORT, false));
    }

    @Test
    void suspendIsAskedForWithThePort() {
        assertThat(ChromeInspector.of(CODE.withOption("inspect", "9300").withOption("inspect.suspend", "true"), JS))
            .isEqualTo(Optional.of(new ChromeInspector(9300, true)));
        assertThatThrownBy(() -> ChromeInspector.of(CODE.withOption("inspect.suspend", "true"), JS))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("needs inspect=PORT");
        assertThatThrownBy(() -> ChromeInspector.of(CODE.withOption("inspect", "9300").withOption("inspect.suspend", "yes"), JS))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("true or false, not 'yes'");
    }

    @Test
    void aPortThatIsNoPortIsRefusedSayingWhatToGive() {
        assertThatThrownBy(() -> ChromeInspector.of(CODE.withOption("inspect", "http"), JS))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("takes a TCP port (1 to 65535)");
        assertThatThrownBy(() -> ChromeInspector.of(CODE.withOption("inspect", "70000"), JS))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("not '70000'");
    }

    @Test
    void theEngineListensOnThePortUntilItCloses() throws IOException {
        int port = freePort();
        ChromeInspector inspector = new ChromeInspector(port, false);
        try (Engine engine = inspector.newEngine(JS)) {
            try (Context context = Context.newBuilder("js").engine(engine).build()) {
                assertThat(context.eval("js", "6 * 7").asInt()).isEqualTo(42);   // not suspended: runs at once
            }
            try (Socket connected = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(connected.isConnected()).isTrue();
            }
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the port is free once the engine closed").isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsSaidSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChromeInspector inspector = new ChromeInspector(taken.getLocalPort(), false);
            assertThatThrownBy(() -> inspector.newEngine(JS).close())
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
