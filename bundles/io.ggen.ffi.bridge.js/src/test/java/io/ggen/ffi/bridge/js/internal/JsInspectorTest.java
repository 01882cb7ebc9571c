package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.ChromeInspector;
import io.ggen.ffi.polyglot.TestLoggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A module with the option {@code inspect=PORT} gets GraalVM's Chrome inspector on an engine of its own,
 * which listens while the module is open and closes with it; the other modules keep the shared engine. The
 * configuration's inspector gives every module one, all on one port.
 * (The debugger protocol itself is driven by the distribution test InspectIT.)
 */
class JsInspectorTest {

    private static final String CODE = "function add(a, b) { const sum = a + b; return sum; }";

    @Test
    void anInspectedModuleListensOnItsPortUntilItCloses() throws IOException {
        GraalJsBridge bridge = TestSupport.bridge(TestSupport.settings(2));
        try {
            int port = freePort();
            GuestModule inspected = bridge.load(inspected(port));
            assertThat(call(inspected, "add", ForeignValue.of(40), ForeignValue.of(2))).isEqualTo(ForeignValue.of(42));
            assertThat(listens(port)).as("the inspector listens on " + port).isTrue();

            try (GuestModule plain = bridge.load(ModuleSpec.code("javascript", CODE))) {
                assertThat(call(plain, "add", ForeignValue.of(1), ForeignValue.of(2))).isEqualTo(ForeignValue.of(3));
            }
            assertThat(listens(port)).as("closing another module leaves the inspector").isTrue();

            inspected.close();
            assertThat(listens(port)).as("the module closed its engine, and the inspector with it").isFalse();
        } finally {
            bridge.deactivate();
        }
    }

    @Test
    void stoppingTheBridgeClosesAnInspectedModulesEngine() throws IOException {
        GraalJsBridge bridge = TestSupport.bridge(TestSupport.settings(1));
        int port = freePort();
        bridge.load(inspected(port));
        assertThat(listens(port)).isTrue();

        bridge.deactivate();

        assertThat(listens(port)).isFalse();
    }

    @Test
    void aPortInUseFailsTheLoadSayingSo() throws IOException {
        GraalJsBridge bridge = new GraalJsBridge(TestSupport.settings(1), TestLoggers.noop());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> bridge.load(inspected(taken.getLocalPort())))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
            try (GuestModule plain = bridge.load(ModuleSpec.code("javascript", CODE))) {
                assertThat(call(plain, "add", ForeignValue.of(1), ForeignValue.of(1))).isEqualTo(ForeignValue.of(2));
            }
        } finally {
            bridge.deactivate();
        }
    }

    @Test
    void theConfiguredInspectorServesEveryModuleEachAtItsPathOnOnePort() throws Exception {
        int port = freePort();
        GraalJsBridge bridge = new GraalJsBridge(TestSupport.settings(2), Optional.of(new ChromeInspector(port, false)),
            TestLoggers.noop());
        try {
            assertThat(bridge.description()).endsWith("; every module with the Chrome inspector on 127.0.0.1:" + port);
            GuestModule first = bridge.load(ModuleSpec.code("javascript", CODE));
            GuestModule second = bridge.load(ModuleSpec.code("javascript", CODE));
            assertThat(call(first, "add", ForeignValue.of(40), ForeignValue.of(2))).isEqualTo(ForeignValue.of(42));
            assertThat(call(second, "add", ForeignValue.of(1), ForeignValue.of(2))).isEqualTo(ForeignValue.of(3));
            assertThat(Pattern.compile("ws://127\\.0\\.0\\.1:" + port + "/javascript-inline-").matcher(targets(port))
                .results().count()).as("two engines under two paths on one port: %s", targets(port)).isEqualTo(2);

            first.close();
            assertThat(listens(port)).as("the other module's engine still listens").isTrue();
            second.close();
            assertThat(listens(port)).as("the last module closed its engine, and the port with it").isFalse();
        } finally {
            bridge.deactivate();
        }
    }

    /** The inspector's {@code /json}: the addresses of the engines listening on the port. */
    private static String targets(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static ModuleSpec inspected(int port) {
        return ModuleSpec.code("javascript", CODE).withOption("inspect", Integer.toString(port));
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
