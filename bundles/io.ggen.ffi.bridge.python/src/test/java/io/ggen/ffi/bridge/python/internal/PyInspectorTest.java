package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module with the option {@code inspect=PORT} gets GraalVM's Chrome inspector on an engine of its own,
 * which listens while the module is open and closes with it. (The debugger protocol itself is driven by
 * the distribution test InspectIT.)
 */
class PyInspectorTest {

    private static final String CODE = "def add(a, b):\n    total = a + b\n    return total\n";

    private static GraalPyBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void anInspectedModuleListensOnItsPortUntilItCloses() throws IOException {
        int port = freePort();
        GuestModule inspected = bridge.load(inspected(port));
        assertThat(call(inspected, "add", ForeignValue.of(40), ForeignValue.of(2))).isEqualTo(ForeignValue.of(42));
        assertThat(listens(port)).as("the inspector listens on " + port).isTrue();

        inspected.close();

        assertThat(listens(port)).as("the module closed its engine, and the inspector with it").isFalse();
    }

    @Test
    void aPortInUseFailsTheLoadSayingSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> bridge.load(inspected(taken.getLocalPort())))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
        }
    }

    private static ModuleSpec inspected(int port) {
        return ModuleSpec.code("python", CODE).withOption("inspect", Integer.toString(port));
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;   // refused: nothing listens
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
