package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CType;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;

/** C types as Panama sees them (layouts, carrier classes) and scalar values both ways. */
final class NativeTypes {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private NativeTypes() {
    }

    /** The layout of a C type; {@code null} for {@code void}. */
    static MemoryLayout layout(CType type) {
        return switch (type.kind()) {
            case VOID -> null;
            case BOOL -> ValueLayout.JAVA_BOOLEAN;
            case CHAR, INT8, UINT8 -> ValueLayout.JAVA_BYTE;
            case INT16, UINT16 -> ValueLayout.JAVA_SHORT;
            case INT32, UINT32 -> ValueLayout.JAVA_INT;
            case INT64, UINT64 -> ValueLayout.JAVA_LONG;
            case FLOAT -> ValueLayout.JAVA_FLOAT;
            case DOUBLE -> ValueLayout.JAVA_DOUBLE;
            case POINTER, FUNCTION_POINTER -> ValueLayout.ADDRESS;
        };
    }

    /** A value for a scalar parameter, boxed in its carrier class, range-checked. */
    static Object toScalar(ForeignValue value, CType type, String parameter, String function) {
        if (type.kind() == CType.Kind.BOOL) {
            if (value instanceof ForeignValue.BoolValue b) {
                return b.value();
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

    /** A scalar a C function returned, from its carrier class. */
    static ForeignValue fromScalar(Object carrier, CType type) {
        return switch (type.kind()) {
            case VOID -> ForeignValue.NULL;
            case BOOL -> ForeignValue.of((Boolean) carrier);
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
            case POINTER, FUNCTION_POINTER -> ForeignValue.of(((MemorySegment) carrier).address());
        };
    }

    private static ForeignValue unsigned(long value) {
        return value >= 0 ? ForeignValue.of(value) : ForeignValue.of(BigInteger.valueOf(value).add(TWO_TO_64));
    }

    /** Reads one element of a scalar type at an address, for out-parameters and callbacks. */
    static ForeignValue read(MemorySegment at, CType type) {
        MemoryLayout layout = layout(type);
        Object carrier = switch (layout) {
            case ValueLayout.OfBoolean l -> at.get(l, 0);
            case ValueLayout.OfByte l -> at.get(l, 0);
            case ValueLayout.OfShort l -> at.get(l, 0);
            case ValueLayout.OfInt l -> at.get(l, 0);
            case ValueLayout.OfLong l -> at.get(l, 0);
            case ValueLayout.OfFloat l -> at.get(l, 0);
            case ValueLayout.OfDouble l -> at.get(l, 0);
            case java.lang.foreign.AddressLayout l -> at.get(l, 0);
            default -> throw new IllegalArgumentException("no scalar layout for " + type);
        };
        return fromScalar(carrier, type);
    }

    /** Writes one element of a scalar type at an address. */
    static void write(MemorySegment at, long offset, CType type, Object carrier) {
        switch (carrier) {
            case Boolean b -> at.set(ValueLayout.JAVA_BOOLEAN, offset, b);
            case Byte b -> at.set(ValueLayout.JAVA_BYTE, offset, b);
            case Short s -> at.set(ValueLayout.JAVA_SHORT, offset, s);
            case Integer i -> at.set(ValueLayout.JAVA_INT, offset, i);
            case Long l -> at.set(ValueLayout.JAVA_LONG, offset, l);
            case Float f -> at.set(ValueLayout.JAVA_FLOAT, offset, f);
            case Double d -> at.set(ValueLayout.JAVA_DOUBLE, offset, d);
            default -> throw new IllegalArgumentException("cannot write " + carrier + " as " + type);
        }
    }

    static ForeignArgumentException mismatch(ForeignValue value, CType type, String parameter, String function) {
        return new ForeignArgumentException("c", "argument '" + parameter + "' of " + function + " is " + type
            + ", which cannot take " + describe(value));
    }

    static String describe(ForeignValue value) {
        String text = value.toString();
        return value.getClass().getSimpleName().replace("Value", "").toLowerCase() + " "
            + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
