package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
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

/** {@code ggen test-ffi --trace} without the tracing bundle (here: no framework at all) says so and loads nothing. */
class CallTraceTest {

    private ModuleSpec loaded;

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(new BridgeInfo("javascript", List.of("js"), "graaljs", 100, "io.ggen.ffi.bridge.js", "1.1.0",
                BridgeCapabilities.NONE, "GraalJS test"));
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded = spec;
            throw new AssertionError("--trace without the tracing bundle must not load anything");
        }
    };

    @Test
    void traceWithoutTheTracingBundleSaysSoAndLoadsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new GgenCommandLine(runtime, () -> null, bundle -> "ACTIVE", List::of).run(
            new String[] {"test-ffi", "javascript", "--code", "function test() { return 1; }", "--function", "test", "--trace"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
            "error: --trace needs the tracing bundle io.ggen.ffi.tracing, which is not installed or not active");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(loaded).isNull();
    }
}
