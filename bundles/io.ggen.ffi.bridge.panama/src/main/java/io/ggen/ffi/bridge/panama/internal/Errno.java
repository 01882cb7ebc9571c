package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignException;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;

/** {@code errno} as C left it after a call, captured by the linker, and its text from {@code strerror}. */
final class Errno {

    static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = Linker.nativeLinker().downcallHandle(
        Linker.nativeLinker().defaultLookup().findOrThrow("strerror"),
        java.lang.foreign.FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Errno() {
    }

    /** Each thread's own state for typed bindings: read right after the call that wrote it, so calls made during it do no harm. */
    private static final ThreadLocal<MemorySegment> THREAD_STATE = ThreadLocal.withInitial(() -> state(Arena.ofAuto()));

    static MemorySegment state(Arena arena) {
        return arena.allocate(STATE);
    }

    static MemorySegment threadState() {
        return THREAD_STATE.get();
    }

    /** A typed binding's result, or its failure with errno. */
    static Object checked(String function, Object result, MemorySegment state) {
        if (result == null || failed(result)) { // null: a char* that was NULL, read as a String
            throw exception(state, function);
        }
        return result;
    }

    /** Whether a return value says the call failed: -1 for a signed integer, NULL for a pointer. */
    static boolean failed(Object carrier) {
        return switch (carrier) {
            case null -> false;
            case Integer i -> i == -1;
            case Long l -> l == -1;
            case Short s -> s == -1;
            case Byte b -> b == -1;
            case MemorySegment m -> m.equals(MemorySegment.NULL);
            default -> false;
        };
    }

    static ForeignException exception(MemorySegment state, String function) {
        int errno = (int) ERRNO.get(state, 0L);
        String text;
        try {
            text = new String(PanamaStrings.bytes((MemorySegment) STRERROR.invokeExact(errno)), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Throwable e) {
            text = "unknown error";
        }
        return new ForeignException("c", "errno " + errno, function + " failed: " + text + " (errno " + errno + ")", List.of(), null);
    }
}
