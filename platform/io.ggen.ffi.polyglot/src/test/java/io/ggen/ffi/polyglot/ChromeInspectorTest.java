package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/** The module options and configuration that ask for the inspector, and the real inspector on engines of their own. */
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
    void aConfigurationAsksWithAPortAndZeroIsOff() {
        assertThat(ChromeInspector.configured(0, false, "pid")).isEmpty();
        assertThat(ChromeInspector.configured(9300, true, "pid")).contains(new ChromeInspector(9300, true));
        assertThatThrownBy(() -> ChromeInspector.configured(0, true, "io.ggen.ffi.bridge.js"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("inspect.suspend=true needs inspect.port too (a TCP port, e.g. 9229) in the configuration"
                + " io.ggen.ffi.bridge.js");
        assertThatThrownBy(() -> ChromeInspector.configured(-1, false, "io.ggen.ffi.bridge.js"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("inspect.port is 0 (no inspector) or a TCP port from 1 to 65535, e.g. 9229, not -1");
    }

    @Test
    void theEngineListensOnThePortUntilItCloses() throws IOException {
        int port = freePort();
        ChromeInspector inspector = new ChromeInspector(port, false);
        try (InspectedEngine inspected = inspector.open(JS, CODE)) {
            assertThat(inspected.path()).matches("javascript-inline-[A-Za-z0-9_-]{12}");
            assertThat(inspected.devToolsAddress())
                .isEqualTo("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/" + inspected.path());
            try (Context context = Context.newBuilder("js").engine(inspected.engine()).build()) {
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
            assertThatThrownBy(() -> inspector.open(JS, CODE).close())
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
        }
    }

    @Test
    void enginesOfOneJvmShareThePortEachAtItsPathAndTheLastToCloseFreesIt() throws Exception {
        int port = freePort();
        ChromeInspector inspector = new ChromeInspector(port, false);
        ModuleSpec file = ModuleSpec.file("javascript", java.nio.file.Path.of("/tmp/lib one.js"));
        try (InspectedEngine first = inspector.open(JS, CODE)) {
            try (InspectedEngine second = inspector.open(JS, file)) {
                assertThat(second.path()).startsWith("javascript-lib_one.js-").isNotEqualTo(first.path());
                assertThat(targets(port)).contains(first.webSocketAddress(), second.webSocketAddress());
            }
            assertThat(targets(port)).contains(first.webSocketAddress()).doesNotContain("lib_one.js");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("free once the last engine closed").isEqualTo(port);
            }
        });
        try (InspectedEngine after = inspector.open(JS, CODE)) {
            assertThat(targets(port)).as("the port serves again").contains(after.webSocketAddress());
        }
    }

    /** What the inspector's {@code /json} lists: the engines' addresses among the rest. */
    private static String targets(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
