package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osgi.service.log.Logger;
import io.ggen.ffi.polyglot.TestCallContext;

/** Shared helpers of the unit tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** A Logger that drops everything. */
    static Logger noopLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getName" -> "test";
                case "toString" -> "NoopLogger";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
            });
    }

    /** Settings with this pool size and the safe defaults. */
    static JsSettings settings(int poolSize) {
        return new JsSettings(poolSize, false, false, null, 0, Duration.ofMillis(500));
    }

    static GraalJsBridge bridge(JsSettings settings) {
        return new GraalJsBridge(settings, noopLogger());
    }

    static GuestModule code(GraalJsBridge bridge, String code) {
        return bridge.load(ModuleSpec.code("javascript", code));
    }

    static GuestModule code(GraalJsBridge bridge, String code, Path nodeModules) {
        return bridge.load(ModuleSpec.code("javascript", code)
            .withOption(GraalJsBridge.NODE_MODULES_OPTION, nodeModules.toString()));
    }

    /** Calls a function with neutral arguments and a plain call context. */
    static ForeignValue call(GuestModule module, String function, ForeignValue... args) {
        return module.function(function).call(List.of(args), TestCallContext.plain());
    }

    static ForeignValue str(String s) {
        return ForeignValue.of(s);
    }
}
