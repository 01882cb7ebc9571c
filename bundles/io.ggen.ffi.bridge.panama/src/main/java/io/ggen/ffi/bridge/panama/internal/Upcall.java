package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CCallbackAdapter;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * A {@link CCallback} made callable from C for the length of one call: an upcall stub in the call's
 * arena. Nothing thrown may cross C (the JVM would stop), so a failure is kept, zero goes back to C,
 * and {@link #rethrow()} raises it once C has returned (see {@link CCallbackAdapter}).
 */
final class Upcall extends CCallbackAdapter {

    private static final MethodHandle INVOKE;
    private static final MethodHandle FAILED;

    static {
        try {
            INVOKE = MethodHandles.lookup().findVirtual(Upcall.class, "invoke", MethodType.methodType(Object.class, Object[].class));
            FAILED = MethodHandles.lookup().findVirtual(CCallbackAdapter.class, "failed", MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MemorySegment segment;

    private Upcall(CCallback callback, CType parameter, String name, String function) {
        super(callback, parameter, name, function);
    }

    /**
     * The stub for a callback passed where a function pointer is expected.
     *
     * @throws ForeignArgumentException the callback's signature is not the one the parameter declares
     */
    static Upcall stub(CCallback callback, CType parameter, String name, String function, Arena arena, List<Upcall> upcalls) {
        Upcall upcall = new Upcall(callback, parameter, name, function);
        upcalls.add(upcall);
        CSignature expected = upcall.signature();
        MethodType type = PanamaSignatures.descriptor(expected).toMethodType();
        MethodHandle target = INVOKE.bindTo(upcall).asCollector(Object[].class, expected.params().size()).asType(type);
        upcall.segment = Linker.nativeLinker().upcallStub(
            MethodHandles.catchException(target, Throwable.class, upcall.zeroAfterFailure(type)),
            PanamaSignatures.descriptor(expected), arena);
        return upcall;
    }

    /** What the stub does if even its conversions throw: keep the failure and give C zero, never cross C. */
    private MethodHandle zeroAfterFailure(MethodType type) {
        MethodHandle keep = FAILED.bindTo(this);
        MethodHandle zero = type.returnType() == void.class ? keep : MethodHandles.foldArguments(
            MethodHandles.dropArguments(MethodHandles.zero(type.returnType()), 0, Throwable.class), keep);
        return MethodHandles.dropArguments(zero, 1, type.parameterList());
    }

    MemorySegment segment() {
        return segment;
    }

    /** Pointers to scalars arrive as what they point to, strings as strings, other pointers as addresses. */
    @Override
    protected ForeignValue argument(Object carrier, CType type) {
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

    /** A pointer may come back as null, an address (as {@code void*} arguments arrive), or a handle to native memory. */
    @Override
    protected Object returned(ForeignValue value, CType type, String where) {
        if (!type.isPointer() && type.kind() != CType.Kind.FUNCTION_POINTER) {
            return CValues.toScalar(value, type, "return value", where);
        }
        return switch (value) {
            case ForeignValue.NullValue _ -> MemorySegment.NULL;
            case ForeignValue.IntValue address -> MemorySegment.ofAddress(address.value());
            case ForeignValue.HandleValue h when h.handle() instanceof io.ggen.ffi.memory.NativeBlock block -> block.segment();
            case ForeignValue.HandleValue h when h.handle() instanceof io.ggen.ffi.c.CPointer pointer -> MemorySegment.ofAddress(pointer.address());
            default -> throw CValues.mismatch(value, type, "return value", where);
        };
    }

    @Override
    protected Object zero(CType type) {
        return type.isPointer() || type.kind() == CType.Kind.FUNCTION_POINTER ? MemorySegment.NULL : CValues.zero(type);
    }
}
