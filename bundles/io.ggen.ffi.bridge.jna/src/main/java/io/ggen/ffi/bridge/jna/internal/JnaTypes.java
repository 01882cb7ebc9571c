package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;

/**
 * C types as JNA passes them (carrier classes) and values read from and written to memory. Scalars
 * convert both ways by {@link CValues}'s rules, except that {@code bool} travels as a byte: JNA's
 * {@code boolean} is a 4-byte C {@code int}.
 */
final class JnaTypes {

    private JnaTypes() {
    }

    /** The class JNA returns or hands to a callback for a C type. */
    static Class<?> carrier(CType type) {
        return switch (type.kind()) {
            case VOID -> void.class;
            case BOOL, CHAR, INT8, UINT8 -> byte.class;
            case INT16, UINT16 -> short.class;
            case INT32, UINT32 -> int.class;
            case INT64, UINT64 -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
            case POINTER, FUNCTION_POINTER -> Pointer.class;
        };
    }

    /** A value for a scalar parameter, boxed in its carrier class, range-checked: {@link CValues}'s, a bool as a byte. */
    static Object toScalar(ForeignValue value, CType type, String parameter, String function) {
        return boolAsByte(CValues.toScalar(value, type, parameter, function));
    }

    /** {@link CValues}'s carrier with a {@code bool} as the byte 1 or 0, as JNA passes it. */
    static Object boolAsByte(Object carrier) {
        return carrier instanceof Boolean b ? (Object) (byte) (b ? 1 : 0) : carrier;
    }

    /** A value from its carrier (what JNA returned, or read from memory); a pointer as its address. */
    static ForeignValue fromScalar(Object carrier, CType type) {
        return type.kind() == CType.Kind.POINTER || type.kind() == CType.Kind.FUNCTION_POINTER
            ? ForeignValue.of(Pointer.nativeValue((Pointer) carrier))
            : CValues.fromScalar(carrier, type);
    }

    /** Reads one scalar element at {@code at + offset}. */
    static ForeignValue read(Pointer at, long offset, CType type) {
        Object carrier = switch (type.kind()) {
            case BOOL, CHAR, INT8, UINT8 -> at.getByte(offset);
            case INT16, UINT16 -> at.getShort(offset);
            case INT32, UINT32 -> at.getInt(offset);
            case INT64, UINT64 -> at.getLong(offset);
            case FLOAT -> at.getFloat(offset);
            case DOUBLE -> at.getDouble(offset);
            case POINTER, FUNCTION_POINTER -> at.getPointer(offset);
            case VOID -> throw new IllegalArgumentException("void has no value to read");
        };
        return fromScalar(carrier, type);
    }

    /** Writes one scalar element (a carrier from {@link #toScalar}) at {@code at + offset}. */
    static void write(Pointer at, long offset, Object carrier) {
        switch (carrier) {
            case Byte b -> at.setByte(offset, b);
            case Short s -> at.setShort(offset, s);
            case Integer i -> at.setInt(offset, i);
            case Long l -> at.setLong(offset, l);
            case Float f -> at.setFloat(offset, f);
            case Double d -> at.setDouble(offset, d);
            default -> throw new IllegalArgumentException("cannot write " + carrier);
        }
    }

    /** The bytes at a {@code char*} up to (without) its NUL. */
    static byte[] cString(Pointer pointer) {
        return pointer.getByteArray(0, (int) pointer.indexOf(0, (byte) 0));
    }
}
