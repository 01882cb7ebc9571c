package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CPointer;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What a C function's return value becomes, as in the Panama bridge: a {@code char*} is copied and
 * then freed with the library's free function (once: the copy comes first); a {@code const char*} is
 * copied only. Another pointer is a handle: adopted by the memory manager and freed through the named
 * free function when one is named for the function, else a plain pointer. An adopted block holds a
 * use of the library, so the library stays loaded until its free function has run.
 *
 * @param type the declared return type
 * @param free the function that frees what is returned (string or pointer), or {@code null}
 * @param library the library the function (and perhaps its free function) lives in
 */
record JnaReturn(CType type, Function free, String freeName, NativeMemory memory, CStrings.InvalidUtf8 policy,
                 CountedLibrary library) {

    /** The class to ask {@code Function.invoke} for. */
    Class<?> carrier() {
        return JnaTypes.carrier(type);
    }

    ForeignValue read(Object carrier, String function) {
        if (type.kind() != CType.Kind.POINTER) {
            return JnaTypes.fromScalar(carrier, type);
        }
        Pointer pointer = (Pointer) carrier;
        if (pointer == null) {
            return ForeignValue.NULL;
        }
        if (type.isString()) {
            try {
                return ForeignValue.of(CStrings.decode(JnaTypes.cString(pointer), policy, function));
            } finally {
                freeNow(pointer, function);
            }
        }
        if (free == null) {
            return ForeignValue.handle(new CPointer(Pointer.nativeValue(pointer), type.toString()));
        }
        return ForeignValue.handle(adopt(pointer, function));
    }

    private NativeBlock adopt(Pointer pointer, String function) {
        if (!library.retain()) {
            throw new IllegalStateException(library.name() + " was disposed during a call");
        }
        try {
            return memory.adopt(MemorySegment.ofAddress(Pointer.nativeValue(pointer)), type + " from " + function, segment -> {
                try {
                    free.invoke(void.class, new Object[] {new Pointer(segment.address())});
                } finally {
                    library.release();
                }
            });
        } catch (RuntimeException e) {
            // the memory manager did not take it (the bundle is stopping): free it now rather than leak it
            try {
                freeNow(pointer, function);
            } finally {
                library.release();
            }
            throw e;
        }
    }

    private void freeNow(Pointer pointer, String function) {
        if (free == null) {
            return;
        }
        try {
            free.invoke(void.class, new Object[] {pointer});
        } catch (RuntimeException e) {
            throw new ForeignException("c", e.getClass().getName(), "freeing what " + function + " returned with "
                + freeName + " failed: " + e.getMessage(), List.of(), e);
        }
    }
}
