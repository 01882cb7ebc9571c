package io.ggen.ffi.bridge.jna.internal;

import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.memory.testing.TestMemory;
import io.ggen.ffi.polyglot.TestCallContext;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.log.Logger;

/** A bridge for a test, its memory manager, and loading and calling with the test libraries' folder as working directory. */
final class TestModules {

    static final Path NATIVE = Path.of(System.getProperty("ggen.test.native", "target/native")).toAbsolutePath();

    final TestMemory memory = new TestMemory();
    final JnaCBridge bridge = new JnaCBridge(memory, mock(Logger.class), null);

    /** Loads a library; options are name, value pairs. */
    GuestModule load(String library, String... options) {
        ModuleSpec spec = ModuleSpec.named("c", library).withOption("working-dir", NATIVE.toString());
        for (int i = 0; i < options.length; i += 2) {
            spec = spec.withOption(options[i], options[i + 1]);
        }
        return bridge.load(spec);
    }

    static ForeignValue call(GuestModule module, String function, ForeignValue... args) {
        return module.function(function).call(List.of(args), TestCallContext.plain());
    }

    static ForeignValue out(ForeignValue result, String key) {
        return ((ForeignValue.MapValue) result).get(key);
    }

    static long integer(ForeignValue value) {
        return ((ForeignValue.IntValue) value).value();
    }
}
