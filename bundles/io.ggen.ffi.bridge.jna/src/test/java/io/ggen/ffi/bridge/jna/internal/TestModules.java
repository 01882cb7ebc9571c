package io.ggen.ffi.bridge.jna.internal;

import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.testing.CBridgeContract;
import io.ggen.ffi.memory.testing.TestMemory;
import org.osgi.service.log.Logger;

/** A bridge for a test of when libraries are unloaded, its memory manager, and loading from the test libraries' folder. */
final class TestModules {

    final TestMemory memory = new TestMemory();
    final JnaCBridge bridge = new JnaCBridge(memory, mock(Logger.class), null);

    /** Loads a library; options are name, value pairs. */
    GuestModule load(String library, String... options) {
        return bridge.load(CBridgeContract.spec(library, options));
    }

    static long integer(ForeignValue value) {
        return ((ForeignValue.IntValue) value).value();
    }
}
