package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CType;
import java.math.BigInteger;

/**
 * C types as JNA passes them (carrier classes) and scalar values both ways, with the same rules as
 * the Panama bridge: range-checked integers, unsigned 64-bit values beyond {@code Long.MAX_VALUE} as
 * big integers. {@code bool} travels as a byte: JNA's {@code boolean} is a 4-byte C {@code int}.
 */
final class JnaTypes {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

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

    /** A value for a scalar parameter, boxed in its carrier class, range-checked. */
    static Object toScalar(ForeignValue value, CType type, String parameter, String function) {
        if (type.kind() == CType.Kind.BOOL) {
            if (value instanceof ForeignValue.BoolValue b) {
                return (byte) (b.value() ? 1 : 0);
            }
            throw mismatch(value, type, parameter, function);
        }
        if (type.isFloatingPoint()) {
            double d = switch (value) {
                case ForeignValue.FloatValue f -> f.value();
                case ForeignValue.IntValue i -> i.value();
                default -> throw mismatch(value, type, parameter, function);
            };
            return type.kind() == CType.Kind.FLOAT ? (Object) (float) d : (Object) d;
        }
        long v = switch (value) {
            case ForeignValue.IntValue i -> i.value();
            case ForeignValue.BoolValue b -> b.value() ? 1 : 0;
            case ForeignValue.BigIntValue b when type.kind() == CType.Kind.UINT64
                && b.value().signum() >= 0 && b.value().bitLength() <= 64 -> b.value().longValue();
            default -> throw mismatch(value, type, parameter, function);
        };
        checkRange(v, value, type, parameter, function);
        return switch (type.kind()) {
            case CHAR, INT8, UINT8 -> (byte) v;
            case INT16, UINT16 -> (short) v;
            case INT32, UINT32 -> (int) v;
            default -> v;
        };
    }

    private static void checkRange(long v, ForeignValue value, CType type, String parameter, String function) {
        int bits = type.size() * 8;
        boolean fits;
        if (bits == 64) {
            fits = !type.isUnsigned() || v >= 0 || value instanceof ForeignValue.BigIntValue;
        } else if (type.isUnsigned()) {
            fits = v >= 0 && v < (1L << bits);
        } else {
            fits = v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
        }
        if (!fits) {
            throw new ForeignArgumentException("c", "argument '" + parameter + "' of " + function + ": " + value
                + " does not fit in " + type);
        }
    }

    /** A scalar from its carrier (what JNA returned, or read from memory); a pointer as its address. */
    static ForeignValue fromScalar(Object carrier, CType type) {
        return switch (type.kind()) {
            case VOID -> ForeignValue.NULL;
            case BOOL -> ForeignValue.of((Byte) carrier != 0);
            case CHAR, INT8 -> ForeignValue.of((long) (Byte) carrier);
            case UINT8 -> ForeignValue.of((long) Byte.toUnsignedInt((Byte) carrier));
            case INT16 -> ForeignValue.of((long) (Short) carrier);
            case UINT16 -> ForeignValue.of((long) Short.toUnsignedInt((Short) carrier));
            case INT32 -> ForeignValue.of((long) (Integer) carrier);
            case UINT32 -> ForeignValue.of(Integer.toUnsignedLong((Integer) carrier));
            case INT64 -> ForeignValue.of((long) (Long) carrier);
            case UINT64 -> unsigned((Long) carrier);
            case FLOAT -> ForeignValue.of((double) (Float) carrier);
            case DOUBLE -> ForeignValue.of((Double) carrier);
            case POINTER, FUNCTION_POINTER -> ForeignValue.of(Pointer.nativeValue((Pointer) carrier));
        };
    }

    private static ForeignValue unsigned(long value) {
        return value >= 0 ? ForeignValue.of(value) : ForeignValue.of(BigInteger.valueOf(value).add(TWO_TO_64));
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

    static ForeignArgumentException mismatch(ForeignValue value, CType type, String parameter, String function) {
        String text = value.toString();
        return new ForeignArgumentException("c", "argument '" + parameter + "' of " + function + " is " + type
            + ", which cannot take " + value.getClass().getSimpleName().replace("Value", "").toLowerCase() + " "
            + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
    }
}
