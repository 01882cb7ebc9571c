package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Scalar values both ways between {@link ForeignValue}s and the boxed Java carriers a C bridge passes
 * to and gets from C: {@code Boolean} for {@code bool}, {@code Byte} for {@code char} and 8-bit
 * integers, {@code Short}, {@code Integer}, {@code Long} for 16-, 32- and 64-bit integers (signed or
 * not: the bits are the same), {@code Float}, {@code Double}.
 *
 * <p>The rules every C bridge follows: integers are range-checked against the C type; an unsigned
 * 64-bit value beyond {@code Long.MAX_VALUE} comes back as a big integer, and a big integer up to
 * 2<sup>64</sup>-1 is accepted for one; a boolean passes as 1 or 0 where an integer is expected; an
 * integer passes where a floating-point number is expected. Pointers are not scalars: each bridge
 * turns its own pointer carrier into an address.
 */
@ProviderType
public final class CValues {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private CValues() {
    }

    /**
     * A value for a scalar parameter, boxed in its carrier class, range-checked.
     *
     * @param type a scalar type: neither {@code void} nor a pointer
     * @param parameter the parameter's name, for the message
     * @param function the function's name, for the message
     * @throws ForeignArgumentException the value is not of the type, or does not fit in it
     */
    public static Object toScalar(ForeignValue value, CType type, String parameter, String function) {
        if (type.kind() == CType.Kind.BOOL) {
            return toBoolean(value, type, parameter, function);
        }
        if (type.isFloatingPoint()) {
            double d = toFloating(value, type, parameter, function);
            return type.kind() == CType.Kind.FLOAT ? (Object) (float) d : (Object) d;
        }
        long v = toInteger(value, type, parameter, function);
        return switch (type.kind()) {
            case CHAR, INT8, UINT8 -> (byte) v;
            case INT16, UINT16 -> (short) v;
            case INT32, UINT32 -> (int) v;
            default -> v;
        };
    }

    /**
     * A value for a {@code bool} parameter.
     *
     * @throws ForeignArgumentException the value is not a boolean
     */
    public static boolean toBoolean(ForeignValue value, CType type, String parameter, String function) {
        if (value instanceof ForeignValue.BoolValue b) {
            return b.value();
        }
        throw mismatch(value, type, parameter, function);
    }

    /**
     * A value for a {@code float} or {@code double} parameter, as a double (a {@code float}
     * parameter takes it narrowed).
     *
     * @throws ForeignArgumentException the value is not a number
     */
    public static double toFloating(ForeignValue value, CType type, String parameter, String function) {
        return switch (value) {
            case ForeignValue.FloatValue f -> f.value();
            case ForeignValue.IntValue i -> i.value();
            default -> throw mismatch(value, type, parameter, function);
        };
    }

    /**
     * A value for an integer parameter, range-checked against its type, as a long (a narrower
     * parameter takes its low bits: the same bits for signed and unsigned types).
     *
     * @throws ForeignArgumentException the value is not an integer, or does not fit in the type
     */
    public static long toInteger(ForeignValue value, CType type, String parameter, String function) {
        // the common case, small enough to inline whole into a call (the type is a constant there)
        if (value instanceof ForeignValue.IntValue i && fits(i.value(), type)) {
            return i.value();
        }
        return toIntegerOther(value, type, parameter, function);
    }

    private static long toIntegerOther(ForeignValue value, CType type, String parameter, String function) {
        long v = switch (value) {
            case ForeignValue.IntValue i -> i.value();
            case ForeignValue.BoolValue b -> b.value() ? 1 : 0;
            case ForeignValue.BigIntValue b when type.kind() == CType.Kind.UINT64
                && b.value().signum() >= 0 && b.value().bitLength() <= 64 -> b.value().longValue();
            default -> throw mismatch(value, type, parameter, function);
        };
        if (!fits(v, type) && !(value instanceof ForeignValue.BigIntValue)) {   // a big one was checked above
            throw new ForeignArgumentException("c", "argument '" + parameter + "' of " + function + ": " + value
                + " does not fit in " + type);
        }
        return v;
    }

    /** Whether an integer fits in the type; a 64-bit unsigned one takes no negative long. */
    private static boolean fits(long v, CType type) {
        int bits = type.size() * 8;
        if (bits == 64) {
            return !type.isUnsigned() || v >= 0;
        }
        return type.isUnsigned() ? v >= 0 && v < (1L << bits) : v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
    }

    /**
     * A scalar from its carrier (what C returned, or what was read from memory).
     *
     * @param carrier of the class {@link #toScalar} gives for the type; a {@code bool} may also come as
     *     a {@code Byte}, zero being false
     * @param type a scalar type or {@code void} (which gives {@link ForeignValue#NULL}), not a pointer
     * @throws IllegalArgumentException the type is a pointer, whose carrier is the bridge's own
     */
    public static ForeignValue fromScalar(Object carrier, CType type) {
        return switch (type.kind()) {
            case VOID -> ForeignValue.NULL;
            case BOOL -> ForeignValue.of(carrier instanceof Byte b ? b != 0 : (Boolean) carrier);
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
            case POINTER, FUNCTION_POINTER -> throw new IllegalArgumentException(type + " is not a scalar: its carrier is the bridge's");
        };
    }

    /** An unsigned 64-bit integer: a big integer beyond {@code Long.MAX_VALUE}. */
    public static ForeignValue unsigned(long value) {
        return value >= 0 ? ForeignValue.of(value) : ForeignValue.of(BigInteger.valueOf(value).add(TWO_TO_64));
    }

    /**
     * The carrier of zero for a type: what a callback gives back to C when it failed.
     *
     * @return a boxed zero of the class {@link #toScalar} gives; {@code null} for {@code void} and for
     *     pointers (each bridge has its own null pointer)
     */
    public static Object zero(CType type) {
        return switch (type.kind()) {
            case VOID, POINTER, FUNCTION_POINTER -> null;
            case BOOL -> false;
            case CHAR, INT8, UINT8 -> (byte) 0;
            case INT16, UINT16 -> (short) 0;
            case INT32, UINT32 -> 0;
            case INT64, UINT64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
        };
    }

    /** The error for a value a parameter (or a callback's return) of this type cannot take. */
    public static ForeignArgumentException mismatch(ForeignValue value, CType type, String parameter, String function) {
        return new ForeignArgumentException("c", "argument '" + parameter + "' of " + function + " is " + type
            + ", which cannot take " + describe(value));
    }

    /** A value for a message: its kind and, up to 40 characters, its text, e.g. {@code string "abc"}. */
    public static String describe(ForeignValue value) {
        String text = value.toString();
        return value.getClass().getSimpleName().replace("Value", "").toLowerCase() + " "
            + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
