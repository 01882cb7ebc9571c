package io.ggen.ffi.disttests;

import static io.ggen.ffi.disttests.DevToolsClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen test-ffi --inspect-brk} and {@code --inspect} as a developer uses them, with a real Chrome
 * DevTools Protocol client instead of Chrome: the one-shot run waits on the first line of the guest code,
 * a breakpoint in the function is hit, a local variable is read, and the run prints the function's result
 * once resumed. {@code --inspect} alone does not wait.
 */
class InspectIT extends OneShotRuns {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DEBUGGER_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DEVTOOLS = Pattern.compile("devtools://devtools/bundled/js_app\\.html\\?ws=(\\S+)");

    /** The code: a top-level line (0), the function (1), its local (2), its result (3); 0-based like the protocol. */
    private record Guest(String language, String code, String url) {
    }

    private static final Guest JS = new Guest("js", """
        const factor = 3;
        function f(a, b) {
          const total = a * b * factor;
          return 'total=' + total;
        }
        """, "inline.js");

    private static final Guest PYTHON = new Guest("python", """
        factor = 3
        def f(a, b):
            total = a * b * factor
            return 'total=' + str(total)
        """, "inline.py");

    @Override
    Duration runTimeout() {
        return RUN_TIMEOUT;
    }

    @Test
    void javaScriptStopsOnTheFirstLineThenAtABreakpointWithItsLocals() throws Exception {
        debugsTheGuest(JS);
    }

    @Test
    void pythonStopsOnTheFirstLineThenAtABreakpointWithItsLocals() throws Exception {
        debugsTheGuest(PYTHON);
    }

    @Test
    void inspectWithoutBrkDoesNotWaitForADebugger() throws Exception {
        int port = Distribution.freePort();
        ProcessRun run = ggen("test-ffi", JS.language(), "--code", JS.code(), "--function", "f",
            "--input-json", "6", "--input-json", "7", "--inspect=" + port, "--standalone");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("total=126");
        assertThat(run.stderr()).as(run::describe).contains("Chrome inspector on 127.0.0.1:" + port)
            .contains("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/")
            .doesNotContain("waits for a debugger");
        System.out.printf("--inspect, nobody attached: %d ms wall clock%n", run.elapsed().toMillis());
    }

    private void debugsTheGuest(Guest guest) throws Exception {
        int port = Distribution.freePort();
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        long start = System.nanoTime();
        Process process = Distribution.ggen(home, workDir, List.of("test-ffi", guest.language(), "--code", guest.code(),
                "--function", "f", "--input-json", "6", "--input-json", "7", "--inspect-brk=" + port, "--standalone"))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile()).redirectError(err.toFile())
            .start();
        try {
            URI address = await("the DevTools address on stderr").atMost(RUN_TIMEOUT)
                .until(() -> webSocketAddress(err, port), a -> a != null || !process.isAlive());
            assertThat(address).as(() -> "no DevTools address; stderr: " + read(err)).isNotNull();
            assertThat(process.isAlive()).as("it waits for the debugger").isTrue();

            try (DevToolsClient devTools = DevToolsClient.connect(address, DEBUGGER_TIMEOUT)) {
                Map<String, String> scripts = new HashMap<>();
                devTools.send("Runtime.enable");
                devTools.send("Debugger.enable");
                devTools.send("Runtime.runIfWaitingForDebugger");

                JsonObject first = devTools.awaitEvent("Debugger.paused");
                JsonObject firstFrame = topFrame(first);
                assertThat(firstFrame.getAsJsonObject("location").get("lineNumber").getAsInt())
                    .as("stopped on the first line: %s", first).isZero();
                assertThat(firstFrame.get("url").getAsString()).as("in the guest code: %s", first).endsWith(guest.url());
                assertThat(read(out)).as("nothing ran past the first line").isEmpty();

                JsonObject breakpoint = devTools.send("Debugger.setBreakpointByUrl",
                    params("lineNumber", 2, "urlRegex", Pattern.quote(guest.url()) + "$"));
                assertThat(breakpoint.get("breakpointId").getAsString()).isNotBlank();
                devTools.send("Debugger.resume");

                JsonObject hit = devTools.awaitEvent("Debugger.paused");
                JsonObject frame = topFrame(hit);
                assertThat(frame.getAsJsonObject("location").get("lineNumber").getAsInt()).as("%s", hit).isEqualTo(2);
                assertThat(frame.get("functionName").getAsString()).isEqualTo("f");
                assertThat(hit.getAsJsonArray("hitBreakpoints")).as("%s", hit)
                    .contains(breakpoint.get("breakpointId"));
                assertThat(locals(devTools, frame)).containsEntry("a", "6").containsEntry("b", "7");

                devTools.send("Debugger.stepOver");
                JsonObject next = topFrame(devTools.awaitEvent("Debugger.paused"));
                assertThat(next.getAsJsonObject("location").get("lineNumber").getAsInt()).isEqualTo(3);
                JsonObject total = devTools.send("Debugger.evaluateOnCallFrame",
                    params("callFrameId", next.get("callFrameId").getAsString(), "expression", "total"));
                assertThat(total.getAsJsonObject("result").get("value").getAsInt()).as("the local total: %s", total)
                    .isEqualTo(126);

                devTools.send("Debugger.resume");
                assertThat(process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("it ends once resumed").isTrue();
            }
            assertThat(process.exitValue()).as(() -> read(err)).isZero();
            assertThat(read(out).lines().toList()).containsExactly("total=126");
            System.out.printf("--inspect-brk, %s: started, stopped twice, read locals and ended in %d ms%n",
                guest.language(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            Distribution.kill(process.toHandle());
        }
    }

    /** {@code ws://127.0.0.1:PORT/...} from GraalVM's "E.g. in Chrome open: devtools://..." line; null before it. */
    private static URI webSocketAddress(Path err, int port) {
        Matcher matcher = DEVTOOLS.matcher(read(err));
        if (!matcher.find()) {
            return null;
        }
        assertThat(matcher.group(1)).startsWith("127.0.0.1:" + port + "/");
        return URI.create("ws://" + matcher.group(1));
    }

    static JsonObject topFrame(JsonObject paused) {
        JsonArray frames = paused.getAsJsonArray("callFrames");
        assertThat(frames).as("call frames of %s", paused).isNotEmpty();
        return frames.get(0).getAsJsonObject();
    }

    /** The top frame's local scope: names to values as text. */
    static Map<String, String> locals(DevToolsClient devTools, JsonObject frame) {
        Map<String, String> locals = new HashMap<>();
        for (JsonElement scope : frame.getAsJsonArray("scopeChain")) {
            JsonObject scopeObject = scope.getAsJsonObject();
            if (!"local".equals(scopeObject.get("type").getAsString())) {
                continue;
            }
            String objectId = scopeObject.getAsJsonObject("object").get("objectId").getAsString();
            JsonObject properties = devTools.send("Runtime.getProperties", params("objectId", objectId, "ownProperties", true));
            for (JsonElement property : properties.getAsJsonArray("result")) {
                JsonObject value = property.getAsJsonObject().getAsJsonObject("value");
                if (value != null && value.has("value")) {
                    locals.put(property.getAsJsonObject().get("name").getAsString(), value.get("value").getAsString());
                }
            }
        }
        return locals;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
