package io.ggen.ffi.disttests;

import static io.ggen.ffi.disttests.DevToolsClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen inspect javascript} on a running container: the inspector turned on for the JavaScript bridge
 * debugs a module that other code loads there (a plain {@code ggen test-ffi}, without {@code --inspect}, through
 * the control socket): a DevTools Protocol client finds it on the port, stops on its first line and at a
 * breakpoint in the function, reads its locals and resumes it to its result; {@code --off} closes the port and
 * calls go on without it.
 */
class InspectRunningContainerIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String CODE = """
        const factor = 3;
        function f(a, b) {
          const total = a * b * factor;
          return 'total=' + total;
        }
        """;
    private static final Pattern TARGET = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]*/javascript-inline-[^\"]+)\"");

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

    @Test
    void aModuleLoadedInTheContainerIsDebuggedThenOffClosesThePort() throws Exception {
        int port = Distribution.freePort();
        ProcessRun on = ProcessRun.ggen(home, work, RUN_TIMEOUT, "inspect", "javascript", "--port", Integer.toString(port),
            "--suspend");
        assertThat(on.exitCode()).as(on::describe).isZero();
        assertThat(on.stdout()).as(on::describe)
            .contains("the Chrome inspector is on at 127.0.0.1:" + port + " for every module it loads")
            .contains("Each module waits for a debugger when it loads");

        Path out = work.resolve("call-stdout.txt");
        Path err = work.resolve("call-stderr.txt");
        Process call = Distribution.ggen(home, work, List.of("test-ffi", "js", "--code", CODE, "--function", "f",
                "--input-json", "6", "--input-json", "7"))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile()).redirectError(err.toFile())
            .start();
        try {
            URI target = await("the module on the inspector's port").atMost(RUN_TIMEOUT)
                .until(() -> target(port), t -> t != null || !call.isAlive());
            assertThat(target).as(() -> "no module listed; the call's stderr: " + read(err)).isNotNull();
            ProcessRun listed = ProcessRun.ggen(home, work, RUN_TIMEOUT, "inspect", "js");
            assertThat(listed.stdout()).as(listed::describe)
                .contains("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + target.getPath());

            try (DevToolsClient devTools = DevToolsClient.connect(target, RUN_TIMEOUT)) {
                devTools.send("Runtime.enable");
                devTools.send("Debugger.enable");
                devTools.send("Runtime.runIfWaitingForDebugger");
                JsonObject first = InspectIT.topFrame(devTools.awaitEvent("Debugger.paused"));
                assertThat(first.getAsJsonObject("location").get("lineNumber").getAsInt()).as("%s", first).isZero();
                assertThat(read(out)).as("nothing ran past the first line").isEmpty();

                JsonObject breakpoint = devTools.send("Debugger.setBreakpointByUrl",
                    params("lineNumber", 2, "urlRegex", Pattern.quote("inline.js") + "$"));
                devTools.send("Debugger.resume");
                JsonObject hit = devTools.awaitEvent("Debugger.paused");
                JsonObject frame = InspectIT.topFrame(hit);
                assertThat(frame.get("functionName").getAsString()).isEqualTo("f");
                assertThat(hit.getAsJsonArray("hitBreakpoints")).as("%s", hit).contains(breakpoint.get("breakpointId"));
                assertThat(InspectIT.locals(devTools, frame)).containsEntry("a", "6").containsEntry("b", "7");

                devTools.send("Debugger.resume");
                assertThat(call.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("it ends once resumed").isTrue();
            }
            assertThat(call.exitValue()).as(() -> read(err)).isZero();
            assertThat(read(out)).isEqualTo("total=126\n");
        } finally {
            Distribution.kill(call.toHandle());
        }

        ProcessRun off = ProcessRun.ggen(home, work, RUN_TIMEOUT, "inspect", "javascript", "--off");
        assertThat(off.exitCode()).as(off::describe).isZero();
        assertThat(off.stdout()).contains("the Chrome inspector is off");
        await("the port closed").atMost(Duration.ofSeconds(10)).until(() -> !listens(port));
        ProcessRun plain = ProcessRun.ggen(home, work, RUN_TIMEOUT, "test-ffi", "js", "--code", CODE, "--function", "f",
            "--input-json", "6", "--input-json", "7");
        assertThat(plain.exitCode()).as(plain::describe).isZero();
        assertThat(plain.stdout()).isEqualTo("total=126\n");
        assertThat(listens(port)).as("no inspector for the call after --off").isFalse();
        assertThat(ProcessRun.ggen(home, work, RUN_TIMEOUT, "inspect", "js").stdout()).contains("the Chrome inspector is off");
    }

    /** The module's {@code ws://} address from the inspector's {@code /json}; null while nothing is listed. */
    private static URI target(int port) throws InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String json = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = TARGET.matcher(json);
            return matcher.find() ? URI.create(matcher.group(1)) : null;
        } catch (IOException e) {
            return null;   // not listening yet
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
