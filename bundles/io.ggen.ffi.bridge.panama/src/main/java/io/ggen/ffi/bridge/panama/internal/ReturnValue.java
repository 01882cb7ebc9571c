package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CPointer;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * What a C function's return value becomes. A {@code char*} is copied and then freed with the
 * library's free function (never twice: the copy is made before the free); a {@code const char*} is
 * copied only. Another pointer is a handle: owned by the caller, tracked by the memory manager and
 * freed through the named free function, when one is named for the function; else a plain pointer.
 *
 * @param type the declared return type
 * @param free the function that frees what is returned (string or pointer), or {@code null}
 * @param memory where owned pointers are tracked
 */
record ReturnValue(CType type, MethodHandle free, String freeName, NativeMemory memory, CStrings.InvalidUtf8 policy) {

    ForeignValue read(Object carrier, String function) {
        if (type.kind() != CType.Kind.POINTER) {
            return NativeTypes.fromScalar(carrier, type);
        }
        MemorySegment pointer = (MemorySegment) carrier;
        if (pointer.equals(MemorySegment.NULL)) {
            return ForeignValue.NULL;
        }
        if (type.isString()) {
            try {
                return ForeignValue.of(CStrings.decode(PanamaStrings.bytes(pointer), policy, function));
            } finally {
                freeNow(pointer, function);
            }
        }
        if (free == null) {
            return ForeignValue.handle(new CPointer(pointer.address(), type.toString()));
        }
        NativeBlock block = memory.adopt(pointer, type + " from " + function, this::freeQuietly);
        return ForeignValue.handle(block);
    }

    private void freeNow(MemorySegment pointer, String function) {
        if (free == null) {
            return;
        }
        try {
            free.invokeExact(pointer);
        } catch (Throwable e) {
            throw new ForeignException("c", e.getClass().getName(), "freeing what " + function + " returned with "
                + freeName + " failed: " + e.getMessage(), List.of(), e);
        }
    }

    private void freeQuietly(MemorySegment pointer) {
        try {
            free.invokeExact(pointer);
        } catch (Throwable e) {
            throw new IllegalStateException(freeName + " failed", e);
        }
    }
}
