package io.ggen.ffi.bridge.panama.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reading NUL-terminated bytes C handed back. */
final class PanamaStrings {

    private PanamaStrings() {
    }

    /** The bytes at a {@code char*} up to (without) its NUL. */
    static byte[] bytes(MemorySegment pointer) {
        MemorySegment unbounded = pointer.reinterpret(Long.MAX_VALUE);
        long length = 0;
        while (unbounded.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return unbounded.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
