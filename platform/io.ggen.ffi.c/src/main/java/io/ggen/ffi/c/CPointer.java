package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignHandle;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A pointer a C function returned that the caller does not own (no free function was named for it):
 * it can be passed back to C, where each bridge turns the address into its own pointer, and
 * releasing it does nothing.
 *
 * @param address the native address
 * @param typeName its C type, e.g. {@code int*}
 */
@ProviderType
public record CPointer(long address, String typeName) implements ForeignHandle {

    @Override
    public String language() {
        return "c";
    }

    /** Never: a pointer the caller does not own is not the caller's to release. */
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
        return typeName + "@0x" + Long.toHexString(address);
    }
}
