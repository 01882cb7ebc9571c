package io.ggen.ffi.bridge.jna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.c.testing.CBridgeContract;
import io.ggen.ffi.memory.NativeMemory;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** The C bridges' contract on JNA: the same libraries, calls and results as on Panama; unloading is in {@link JnaLibrariesTest}. */
class JnaCBridgeTest extends CBridgeContract<JnaCBridge> {

    @Override
    protected JnaCBridge newBridge(NativeMemory memory) {
        return new JnaCBridge(memory, mock(Logger.class), null);
    }

    @Override
    protected void stop(JnaCBridge bridge) {
        bridge.deactivate();
    }

    /** A kept argument is JNA memory the module holds, not the memory manager's. */
    @Override
    protected boolean keptMemoryIsTheMemoryManagers() {
        return false;
    }

    @Override
    protected void checkAFailedLoadHoldsNothing() {
        assertThat(bridge.openLibraries()).as("a module that failed to load lets go of its library").isZero();
    }

    @Test
    void describesItselfAsJnaWithHandles() {
        assertThat(bridge.description()).startsWith("JNA 5.18.1");
        assertThat(bridge.capabilities().handles()).isTrue();
    }
}
