package io.ggen.ffi.bridge.panama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.c.testing.CBridgeContract;
import io.ggen.ffi.memory.NativeMemory;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** The C bridges' contract on Panama FFM, and what is Panama's own. */
class PanamaCBridgeTest extends CBridgeContract<PanamaCBridge> {

    @Override
    protected PanamaCBridge newBridge(NativeMemory memory) {
        return new PanamaCBridge(memory, mock(Logger.class), null);
    }

    @Override
    protected void stop(PanamaCBridge bridge) {
        bridge.deactivate();
    }

    /** A kept argument is allocated by the memory manager (PanamaModule.keep), so it counts as live until its module closes. */
    @Override
    protected boolean keptMemoryIsTheMemoryManagers() {
        return true;
    }

    @Test
    void describesItselfAsPanamaWithHandles() {
        assertThat(bridge.description()).startsWith("Panama FFM (java.lang.foreign), Java " + Runtime.version().feature());
        assertThat(bridge.capabilities().handles()).isTrue();
    }
}
