package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignHandle;
import java.lang.foreign.MemorySegment;

/**
 * A pointer a C function returned and the caller does not own (no free function was named for it):
 * it can be passed back to C, and releasing it does nothing.
 */
record PointerHandle(MemorySegment segment, String typeName) implements ForeignHandle {

    @Override
    public String language() {
        return "c";
    }

    @Override
    public boolean isReleased() {
        return false;
    }

    @Override
    public void release() {
        // not owned: the library decides when this memory goes
    }

    @Override
    public String toString() {
        return typeName + "@0x" + Long.toHexString(segment.address());
    }
}
