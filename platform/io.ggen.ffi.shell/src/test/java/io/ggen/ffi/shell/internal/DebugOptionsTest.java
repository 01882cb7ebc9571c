package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen test-ffi --inspect[=PORT]} and {@code --inspect-brk[=PORT]}: the module options they set, and
 * the clear refusals (a bridge without the inspector, both options, with --isolated); the runtime only
 * records the module it is asked to load.
 */
class DebugOptionsTest {

    private ModuleSpec loaded;

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(
                new BridgeInfo("javascript", List.of("js"), "graaljs", 100, "io.ggen.ffi.bridge.js", "1.1.0",
                    BridgeCapabilities.of(BridgeCapabilities.HANDLES, "inspector"), "GraalJS test"),
                new BridgeInfo("python", List.of("py"), "graalpy", 100, "io.ggen.ffi.bridge.python", "1.1.0",
                    BridgeCapabilities.of("inspector"), "GraalPy test"),
                new BridgeInfo("c", List.of(), "panama", 100, "io.ggen.ffi.bridge.panama", "1.1.0",
                    BridgeCapabilities.NONE, "Panama test"));
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded = spec;
            throw new ForeignException(spec.language(), "Recorded", "recorded the module", List.of(), null);
        }
    };

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new GgenCommandLine(runtime, () -> null, bundle -> "ACTIVE", List::of).run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inspectAsksForTheInspectorOnPort9229WithoutSuspending() {
        Run run = run("test-ffi", "js", "--code", "function f() {}", "--function", "f", "--inspect");

        assertThat(loaded.options()).containsEntry("inspect", "9229").doesNotContainKey("inspect.suspend");
        assertThat(run.err()).contains("Chrome inspector on 127.0.0.1:9229").contains("chrome://inspect")
            .doesNotContain("waits for a debugger");
    }

    @Test
    void inspectBrkOnAPortSuspends() {
        Run run = run("test-ffi", "py", "--code", "def f(): pass", "--function", "f", "--inspect-brk=9300");

        assertThat(loaded.options()).containsEntry("inspect", "9300").containsEntry("inspect.suspend", "true");
        assertThat(run.err()).contains("127.0.0.1:9300").contains("waits for a debugger and stops on its first line");
    }

    @Test
    void aBridgeWithoutTheInspectorIsAUsageErrorNamingTheLanguagesThatHaveOneAndWhatToDoForWorkers() {
        Run run = run("test-ffi", "c", "--library", "m", "--function", "cos", "--inspect");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("the c bridge (panama) has no debugger support")
            .contains("works for javascript, python").contains("node --inspect").contains("docs/debugging.md");
        assertThat(loaded).as("nothing is loaded").isNull();
    }

    @Test
    void bothOptionsOrWithIsolationOrABadPortAreUsageErrors() {
        assertThat(run("test-ffi", "js", "--code", "1", "--function", "f", "--inspect", "--inspect-brk").err())
            .contains("give --inspect or --inspect-brk, not both");
        assertThat(run("test-ffi", "js", "--code", "1", "--function", "f", "--inspect", "--isolated").err())
            .contains("--inspect and --isolated do not go together");
        Run badPort = run("test-ffi", "js", "--code", "1", "--function", "f", "--inspect-brk=70000");
        assertThat(badPort.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPort.err()).contains("--inspect-brk takes a TCP port from 1 to 65535, not 70000");
        assertThat(loaded).isNull();
    }

    @Test
    void helpDescribesBothOptions() {
        assertThat(run("test-ffi", "--help").out()).contains("--inspect[=PORT]").contains("--inspect-brk[=PORT]")
            .contains("chrome://inspect").contains("stops on its first line").contains("docs/debugging.md");
    }
}
