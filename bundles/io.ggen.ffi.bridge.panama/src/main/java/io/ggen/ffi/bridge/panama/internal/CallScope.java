package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.c.CStrings;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The native memory of one typed-binding call: a confined arena, the Java arrays to copy back into
 * once C returns, and what a callback threw. Made before the call and closed after it by the
 * binding's method handle ({@code MethodHandles.tryFinally}).
 */
final class CallScope {

    static final MethodHandle OPEN;
    static final MethodHandle STRING;
    static final MethodHandle ARRAY;
    static final MethodHandle BUFFER;
    static final MethodHandle CLOSE;
    static final MethodHandle CLOSE_VOID;
    static final MethodHandle UPCALL;
    private static final MethodHandle FAILED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OPEN = lookup.findConstructor(CallScope.class, MethodType.methodType(void.class));
            STRING = lookup.findVirtual(CallScope.class, "string", MethodType.methodType(MemorySegment.class, String.class, String.class));
            ARRAY = lookup.findVirtual(CallScope.class, "array", MethodType.methodType(MemorySegment.class, Object.class));
            BUFFER = lookup.findVirtual(CallScope.class, "buffer", MethodType.methodType(MemorySegment.class, ByteBuffer.class));
            CLOSE = lookup.findStatic(CallScope.class, "close", MethodType.methodType(Object.class, Throwable.class, Object.class, CallScope.class));
            CLOSE_VOID = lookup.findStatic(CallScope.class, "close", MethodType.methodType(void.class, Throwable.class, CallScope.class));
            UPCALL = lookup.findVirtual(CallScope.class, "upcall", MethodType.methodType(MemorySegment.class, MethodHandle.class, FunctionDescriptor.class, Object.class));
            FAILED = lookup.findVirtual(CallScope.class, "failed", MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofConfined();
    private List<Runnable> copyBacks;
    private Throwable callbackFailure;

    /** A Java string as a NUL-terminated UTF-8 C string; null is NULL. */
    MemorySegment string(String function, String value) {
        if (value == null) {
            return MemorySegment.NULL;
        }
        CStrings.requireNoNul(value, "string", function);
        return arena.allocateFrom(value);
    }

    /** A Java primitive array copied into native memory, and back into the array after the call. */
    MemorySegment array(Object array) {
        if (array == null) {
            return MemorySegment.NULL;
        }
        MemorySegment heap = switch (array) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass());
        };
        return copiedInAndOut(heap);
    }

    /**
     * A byte buffer's remaining bytes: a direct buffer is passed as it is (C reads and writes it in
     * place); a heap buffer is copied in, and back after the call.
     */
    MemorySegment buffer(ByteBuffer buffer) {
        if (buffer == null) {
            return MemorySegment.NULL;
        }
        MemorySegment bytes = MemorySegment.ofBuffer(buffer);
        return bytes.isNative() ? bytes : copiedInAndOut(bytes);
    }

    private MemorySegment copiedInAndOut(MemorySegment heap) {
        MemorySegment copy = arena.allocate(Math.max(1, heap.byteSize()), 8).asSlice(0, heap.byteSize());
        copy.copyFrom(heap);
        if (copyBacks == null) {
            copyBacks = new ArrayList<>(2);
        }
        copyBacks.add(() -> heap.copyFrom(copy));
        return copy;
    }

    /**
     * An upcall stub for a Java functional object, alive until the call returns. What the object
     * throws is kept (nothing may cross C) and thrown when the call returns; C gets zero.
     */
    MemorySegment upcall(MethodHandle method, FunctionDescriptor descriptor, Object target) {
        if (target == null) {
            return MemorySegment.NULL;
        }
        MethodType type = descriptor.toMethodType();
        MethodHandle bound = method.bindTo(target).asType(type);
        MethodHandle record = FAILED.bindTo(this);
        MethodHandle onFailure = type.returnType() == void.class ? record : MethodHandles.foldArguments(
            MethodHandles.dropArguments(MethodHandles.zero(type.returnType()), 0, Throwable.class), record);
        onFailure = MethodHandles.dropArguments(onFailure, 1, type.parameterList());
        return Linker.nativeLinker().upcallStub(MethodHandles.catchException(bound, Throwable.class, onFailure), descriptor, arena);
    }

    private void failed(Throwable failure) {
        if (callbackFailure == null) {
            callbackFailure = failure;
        }
    }

    private static Object close(Throwable thrown, Object result, CallScope scope) throws Throwable {
        close(thrown, scope);
        return result;
    }

    private static void close(Throwable thrown, CallScope scope) throws Throwable {
        try {
            if (thrown == null && scope.copyBacks != null) {
                scope.copyBacks.forEach(Runnable::run);
            }
        } finally {
            scope.arena.close();
        }
        if (thrown != null) {
            throw thrown;
        }
        if (scope.callbackFailure != null) {
            throw scope.callbackFailure instanceof ForeignException e ? e
                : new ForeignException("java", scope.callbackFailure.getClass().getName(),
                    "the callback passed to C failed: " + scope.callbackFailure.getMessage() + " (C got 0 from it)",
                    List.of(), scope.callbackFailure);
        }
    }
}
