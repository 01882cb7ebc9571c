package io.ggen.ffi.bridge.panama.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reading NUL-terminated bytes C handed back. */
final class PanamaStrings {

    private PanamaStrings() {
    }

    /** The bytes at a {@code char*} C returned, up to (without) its NUL. */
    static byte[] bytes(MemorySegment pointer) {
        return upToNul(pointer.reinterpret(Long.MAX_VALUE));
    }

    /** The bytes of a buffer up to its first NUL, or all of them when C filled it: never past its end. */
    static byte[] upToNul(MemorySegment buffer) {
        long length = 0;
        while (length < buffer.byteSize() && buffer.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
