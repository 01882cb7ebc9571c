package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.TestLoggers;
import java.nio.file.Path;
import java.time.Duration;

/** Shared helpers of the unit tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** Settings with this pool size and the safe defaults. */
    static JsSettings settings(int poolSize) {
        return new JsSettings(poolSize, false, false, null, 0, Duration.ofMillis(500));
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
