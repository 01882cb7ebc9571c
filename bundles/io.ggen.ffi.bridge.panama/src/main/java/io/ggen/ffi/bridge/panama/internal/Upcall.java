package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CCallback} made callable from C for the length of one call: an upcall stub in the call's
 * arena. Nothing thrown may cross C (the JVM would stop), so a failure is kept, zero goes back to C,
 * and {@link #rethrow()} raises it once C has returned.
 */
final class Upcall {

    private static final MethodHandle INVOKE;

    static {
        try {
            INVOKE = MethodHandles.lookup().findVirtual(Upcall.class, "invoke", MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CCallback callback;
    private final CSignature expected;
    private RuntimeException failure;

    private Upcall(CCallback callback, CSignature expected) {
        this.callback = callback;
        this.expected = expected;
    }

    /**
     * The stub for a callback passed where a function pointer is expected.
     *
     * @throws ForeignArgumentException the callback's signature is not the one the parameter declares
     */
    static Upcall stub(CCallback callback, CType parameter, String name, String function, Arena arena, List<Upcall> upcalls) {
        CSignature expected = parameter.function();
        CSignature given = callback.signature();
        if (!given.returns().equals(expected.returns())
            || !given.params().stream().map(p -> p.type()).toList().equals(expected.params().stream().map(p -> p.type()).toList())) {
            throw new ForeignArgumentException("c", "argument '" + name + "' of " + function + " must be a callback "
                + expected.returns() + " (*)" + expected.parameterList() + ", not " + given);
        }
        Upcall upcall = new Upcall(callback, expected);
        upcalls.add(upcall);
        upcall.segment = Linker.nativeLinker().upcallStub(
            INVOKE.bindTo(upcall).asCollector(Object[].class, expected.params().size())
                .asType(PanamaSignatures.descriptor(expected).toMethodType()),
            PanamaSignatures.descriptor(expected), arena);
        return upcall;
    }

    private MemorySegment segment;

    MemorySegment segment() {
        return segment;
    }

    private Object invoke(Object[] carriers) {
        try {
            if (failure != null) {
                return zero();
            }
            List<ForeignValue> args = new ArrayList<>(carriers.length);
            for (int i = 0; i < carriers.length; i++) {
                args.add(argument(carriers[i], expected.params().get(i).type()));
            }
            ForeignValue result = callback.body().apply(args);
            if (expected.returns().kind() == CType.Kind.VOID) {
                return null;
            }
            return NativeTypes.toScalar(result == null ? ForeignValue.NULL : result, expected.returns(), "return value", "callback " + expected.name());
        } catch (RuntimeException e) {
            failure = e;
            return zero();
        }
    }

    /** Pointers to scalars arrive as what they point to, strings as strings, other pointers as addresses. */
    private static ForeignValue argument(Object carrier, CType type) {
        if (type.kind() != CType.Kind.POINTER) {
            return NativeTypes.fromScalar(carrier, type);
        }
        MemorySegment pointer = (MemorySegment) carrier;
        if (pointer.equals(MemorySegment.NULL)) {
            return ForeignValue.NULL;
        }
        if (type.isString()) {
            return ForeignValue.of(CStrings.decode(PanamaStrings.bytes(pointer), CStrings.InvalidUtf8.REPLACE, "callback"));
        }
        CType pointee = type.pointee();
        if (pointee.kind() == CType.Kind.VOID || pointee.kind() == CType.Kind.POINTER || pointee.kind() == CType.Kind.FUNCTION_POINTER) {
            return ForeignValue.of(pointer.address());
        }
        return NativeTypes.read(pointer.reinterpret(pointee.size()), pointee);
    }

    private Object zero() {
        return switch (expected.returns().kind()) {
            case VOID -> null;
            case BOOL -> false;
            case CHAR, INT8, UINT8 -> (byte) 0;
            case INT16, UINT16 -> (short) 0;
            case INT32, UINT32 -> 0;
            case INT64, UINT64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case POINTER, FUNCTION_POINTER -> MemorySegment.NULL;
        };
    }

    /** Throws what the callback threw, once C has returned. */
    void rethrow() {
        if (failure instanceof ForeignException e) {
            throw e;
        }
        if (failure != null) {
            throw new ForeignException("java", failure.getClass().getName(), "the callback passed to C failed: "
                + failure.getMessage() + " (C got 0 from it and went on)", List.of(), failure);
        }
    }
}
