package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignHandle;

/**
 * A pointer a C function returned and the caller does not own (no free function was named for it):
 * it can be passed back to C, and releasing it does nothing.
 */
record JnaPointerHandle(Pointer pointer, String typeName) implements ForeignHandle {

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
        return typeName + "@0x" + Long.toHexString(Pointer.nativeValue(pointer));
    }
}
