package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.TestLoggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the unit tests. */
final class TestSupport {

    /** The repository's examples/python folder (the tests run in the module folder). */
    static final Path EXAMPLES = Path.of("../../examples/python").toAbsolutePath().normalize();

    private TestSupport() {
    }

    /** Settings with this pool size and the safe defaults; a grace that a busy machine does not run out of. */
    static PySettings settings(int poolSize) {
        return new PySettings(poolSize, List.of(), false, false, 0, Duration.ofSeconds(5));
    }

    static GraalPyBridge bridge(PySettings settings) {
        return new GraalPyBridge(settings, TestLoggers.noop());
    }

    static GuestModule code(GraalPyBridge bridge, String code) {
        return bridge.load(ModuleSpec.code("python", code));
    }

    /** A named module found in the folder, given as the caller's working directory. */
    static GuestModule named(GraalPyBridge bridge, String name, Path workingDir) {
        return bridge.load(ModuleSpec.named("python", name)
            .withOption(GraalPyBridge.WORKING_DIR_OPTION, workingDir.toString()));
    }

    /** The plain Java form: Long, BigInteger, Double, String, Boolean, byte[], List, Map, null, or the handle. */
    static Object plain(ForeignValue value) {
        return switch (value) {
            case ForeignValue.NullValue n -> null;
            case ForeignValue.BoolValue b -> b.value();
            case ForeignValue.IntValue i -> i.value();
            case ForeignValue.BigIntValue b -> b.value();
            case ForeignValue.FloatValue f -> f.value();
            case ForeignValue.StringValue s -> s.value();
            case ForeignValue.BytesValue b -> b.value();
            case ForeignValue.ListValue l -> {
                List<Object> items = new ArrayList<>();
                l.values().forEach(v -> items.add(plain(v)));
                yield items;
            }
            case ForeignValue.MapValue m -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> entries.put(plain(k), plain(v)));
                yield entries;
            }
            case ForeignValue.HandleValue h -> h.handle();
        };
    }

    static ForeignValue str(String s) {
        return ForeignValue.of(s);
    }
}
