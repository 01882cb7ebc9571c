package io.ggen.ffi.bridge.wasm.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** Shared helpers of the unit tests: settings, the test modules built from src/test/wat and src/test/c, a logger that keeps what it is told. */
final class TestSupport {

    private TestSupport() {
    }

    /** The folder the build assembles the test modules into. */
    static Path modules() {
        return Path.of(System.getProperty("ggen.test.wasm", "target/test-wasm"));
    }

    static Path module(String name) {
        return modules().resolve(name);
    }

    /** Defaults, with this execution mode and pool size. */
    static WasmSettings settings(WasmSettings.Execution execution, int poolSize) {
        return new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, execution, true, List.of(), Map.of(), poolSize);
    }

    static ChicoryWasmBridge bridge(WasmSettings settings) {
        return new ChicoryWasmBridge(settings, new LogCapture().logger(), "test");
    }

    static ChicoryWasmBridge bridge(WasmSettings.Execution execution) {
        return bridge(settings(execution, 2));
    }

    static GuestModule file(ChicoryWasmBridge bridge, String name) {
        return bridge.load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module(name)));
    }

    static ForeignValue call(GuestModule module, String function, ForeignValue... args) {
        return TestCallContext.call(module, function, args);
    }

    static ForeignValue num(long value) {
        return ForeignValue.of(value);
    }

    /** A Logger that keeps each message, its {} filled in. */
    static final class LogCapture {

        final List<String> lines = new CopyOnWriteArrayList<>();

        Logger logger() {
            return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test";
                    case "toString" -> "LogCapture";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "trace", "debug", "info", "warn", "error", "audit" -> {
                        if (args != null && args.length > 0 && args[0] instanceof String format) {
                            lines.add(method.getName() + " " + format(format, args));
                        }
                        yield null;
                    }
                    default -> method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        }

        private static String format(String format, Object[] args) {
            Object[] values = args.length == 2 && args[1] instanceof Object[] varargs
                ? varargs : java.util.Arrays.copyOfRange(args, 1, args.length);
            StringBuilder text = new StringBuilder();
            int next = 0;
            int from = 0;
            int at;
            while ((at = format.indexOf("{}", from)) >= 0) {
                text.append(format, from, at).append(next < values.length ? values[next] : "{}");
                next++;
                from = at + 2;
            }
            return text.append(format.substring(from)).toString();
        }
    }
}
