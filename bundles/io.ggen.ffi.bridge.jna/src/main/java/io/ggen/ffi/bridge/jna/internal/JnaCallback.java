package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.CallbackProxy;
import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CCallback} as a JNA {@link CallbackProxy}: JNA makes the native stub from the parameter and
 * return classes given here and frees it once this object is garbage. Made per call and kept reachable
 * until the call returns. Nothing thrown may cross C, so a failure is kept, zero goes back to C, and
 * {@link #rethrow()} raises it once C has returned.
 */
final class JnaCallback implements CallbackProxy {

    private final CCallback callback;
    private final CSignature expected;
    private final Class<?>[] parameterTypes;
    private RuntimeException failure;

    private JnaCallback(CCallback callback, CSignature expected) {
        this.callback = callback;
        this.expected = expected;
        this.parameterTypes = expected.params().stream().map(CParam::type).map(JnaTypes::carrier).toArray(Class<?>[]::new);
    }

    /**
     * The proxy for a callback passed where a function pointer is expected.
     *
     * @throws ForeignArgumentException the callback's signature is not the one the parameter declares
     */
    static JnaCallback of(CCallback callback, CType parameter, String name, String function) {
        CSignature expected = parameter.function();
        CSignature given = callback.signature();
        if (!given.returns().equals(expected.returns())
            || !given.params().stream().map(CParam::type).toList().equals(expected.params().stream().map(CParam::type).toList())) {
            throw new ForeignArgumentException("c", "argument '" + name + "' of " + function + " must be a callback "
                + expected.returns() + " (*)" + expected.parameterList() + ", not " + given);
        }
        return new JnaCallback(callback, expected);
    }

    @Override
    public Class<?>[] getParameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public Class<?> getReturnType() {
        return JnaTypes.carrier(expected.returns());
    }

    @Override
    public Object callback(Object[] carriers) {
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
            if (expected.returns().isPointer()) {
                return pointer(result);
            }
            return JnaTypes.toScalar(result == null ? ForeignValue.NULL : result, expected.returns(),
                "return value", "callback " + expected.name());
        } catch (RuntimeException e) {
            failure = e;
            return zero();
        }
    }

    /** A callback returning a pointer gives an address, or null. */
    private Pointer pointer(ForeignValue result) {
        return switch (result) {
            case null -> null;
            case ForeignValue.NullValue _ -> null;
            case ForeignValue.IntValue address -> new Pointer(address.value());
            case ForeignValue.HandleValue h -> JnaArgument.handlePointer(h, expected.returns(), "return value", "callback " + expected.name());
            default -> throw JnaTypes.mismatch(result, expected.returns(), "return value", "callback " + expected.name());
        };
    }

    /** Pointers to scalars arrive as what they point to, strings as strings, other pointers as addresses. */
    private static ForeignValue argument(Object carrier, CType type) {
        if (type.kind() != CType.Kind.POINTER) {
            return JnaTypes.fromScalar(carrier, type);
        }
        Pointer pointer = (Pointer) carrier;
        if (pointer == null) {
            return ForeignValue.NULL;
        }
        if (type.isString()) {
            return ForeignValue.of(CStrings.decode(JnaTypes.cString(pointer), CStrings.InvalidUtf8.REPLACE, "callback"));
        }
        CType pointee = type.pointee();
        if (pointee.kind() == CType.Kind.VOID || pointee.kind() == CType.Kind.POINTER || pointee.kind() == CType.Kind.FUNCTION_POINTER) {
            return ForeignValue.of(Pointer.nativeValue(pointer));
        }
        return JnaTypes.read(pointer, 0, pointee);
    }

    private Object zero() {
        return switch (expected.returns().kind()) {
            case VOID, POINTER, FUNCTION_POINTER -> null;
            case BOOL, CHAR, INT8, UINT8 -> (byte) 0;
            case INT16, UINT16 -> (short) 0;
            case INT32, UINT32 -> 0;
            case INT64, UINT64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
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
