package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.CallbackProxy;
import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CCallbackAdapter;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;

/**
 * A {@link CCallback} as a JNA {@link CallbackProxy}: JNA makes the native stub from the parameter and
 * return classes given here and frees it once this object is garbage. Made per call and kept reachable
 * until the call returns. Nothing thrown may cross C, so a failure is kept, zero goes back to C, and
 * {@link #rethrow()} raises it once C has returned (see {@link CCallbackAdapter}).
 */
final class JnaCallback extends CCallbackAdapter implements CallbackProxy {

    private final Class<?>[] parameterTypes;

    private JnaCallback(CCallback callback, CType parameter, String name, String function) {
        super(callback, parameter, name, function);
        this.parameterTypes = signature().params().stream().map(CParam::type).map(JnaTypes::carrier).toArray(Class<?>[]::new);
    }

    /**
     * The proxy for a callback passed where a function pointer is expected.
     *
     * @throws ForeignArgumentException the callback's signature is not the one the parameter declares
     */
    static JnaCallback of(CCallback callback, CType parameter, String name, String function) {
        return new JnaCallback(callback, parameter, name, function);
    }

    @Override
    public Class<?>[] getParameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public Class<?> getReturnType() {
        return JnaTypes.carrier(signature().returns());
    }

    @Override
    public Object callback(Object[] carriers) {
        return invoke(carriers);
    }

    @Override
    protected Object returned(ForeignValue value, CType type, String where) {
        return type.isPointer() ? pointer(value, type, where) : JnaTypes.toScalar(value, type, "return value", where);
    }

    /** A callback returning a pointer gives an address, or null. */
    private static Pointer pointer(ForeignValue result, CType type, String where) {
        return switch (result) {
            case ForeignValue.NullValue _ -> null;
            case ForeignValue.IntValue address -> new Pointer(address.value());
            case ForeignValue.HandleValue h -> JnaArgument.handlePointer(h, type, "return value", where);
            default -> throw CValues.mismatch(result, type, "return value", where);
        };
    }

    /** Pointers to scalars arrive as what they point to, strings as strings, other pointers as addresses. */
    @Override
    protected ForeignValue argument(Object carrier, CType type) {
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

    /** Zero of a type; a null pointer is JNA's {@code null}. */
    @Override
    protected Object zero(CType type) {
        return JnaTypes.boolAsByte(CValues.zero(type));
    }
}
