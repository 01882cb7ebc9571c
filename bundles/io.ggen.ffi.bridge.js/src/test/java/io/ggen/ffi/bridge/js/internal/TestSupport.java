package io.ggen.ffi.bridge.js.internal;

import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import io.ggen.ffi.polyglot.TestLoggers;
import java.nio.file.Path;
import java.time.Duration;

/** Shared helpers of the unit tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** Settings with this pool size and the safe defaults; a grace that a busy machine does not run out of. */
    static JsSettings settings(int poolSize) {
        return new JsSettings(poolSize, false, false, null, 0, Duration.ofSeconds(5));
    }

    /** Waits until a call started on another thread holds its context: the call registers its guard just after taking it. */
    static void awaitContextTaken(TestCallContext call) {
        await("the call takes a context").atMost(Duration.ofSeconds(10)).until(() -> call.registrations() >= 1);
    }

    static GraalJsBridge bridge(JsSettings settings) {
        return new GraalJsBridge(settings, TestLoggers.noop());
    }

    static GuestModule code(GraalJsBridge bridge, String code) {
        return bridge.load(ModuleSpec.code("javascript", code));
    }

    static GuestModule code(GraalJsBridge bridge, String code, Path nodeModules) {
        return bridge.load(ModuleSpec.code("javascript", code)
            .withOption(GraalJsBridge.NODE_MODULES_OPTION, nodeModules.toString()));
    }

    static ForeignValue str(String s) {
        return ForeignValue.of(s);
    }
}
