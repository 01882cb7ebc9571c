package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;

/**
 * Numbers between neutral values and WebAssembly's four number types, as Chicory passes them (each in
 * a {@code long}; floats as their bits).
 *
 * <p>In: an i32 takes an integer from -2^31 to 2^32-1 (signed or unsigned, the same bits) or a boolean;
 * an i64 an integer from -2^63 to 2^64-1; an f32 or f64 any number (f32: within its range).
 * Out: i32 and i64 as signed integers, f32 and f64 as floats.
 */
final class WasmValues {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private WasmValues() {
    }

    /** Whether the bridge passes and returns this type: the four number types. */
    static boolean isNumber(ValType type) {
        return type.equals(ValType.I32) || type.equals(ValType.I64) || type.equals(ValType.F32) || type.equals(ValType.F64);
    }

    /**
     * The value as the parameter type takes it.
     *
     * @return the raw value, or null when the value does not fit the type
     */
    static Long toWasm(ForeignValue value, ValType type) {
        if (type.equals(ValType.I32)) {
            return switch (value) {
                case ForeignValue.IntValue i when i.value() >= Integer.MIN_VALUE && i.value() <= 0xFFFF_FFFFL -> (long) (int) i.value();
                case ForeignValue.BoolValue b -> b.value() ? 1L : 0L;
                default -> null;
            };
        }
        if (type.equals(ValType.I64)) {
            return switch (value) {
                case ForeignValue.IntValue i -> i.value();
                case ForeignValue.BigIntValue b when b.value().signum() > 0 && b.value().compareTo(TWO_TO_64) < 0 -> b.value().longValue();
                case ForeignValue.BoolValue b -> b.value() ? 1L : 0L;
                default -> null;
            };
        }
        Double number = switch (value) {
            case ForeignValue.FloatValue f -> f.value();
            case ForeignValue.IntValue i -> (double) i.value();
            default -> null;
        };
        if (number == null) {
            return null;
        }
        if (type.equals(ValType.F32)) {
            float single = number.floatValue();
            if (Float.isInfinite(single) && !Double.isInfinite(number)) {
                return null; // beyond the f32 range
            }
            return Value.floatToLong(single);
        }
        return type.equals(ValType.F64) ? Value.doubleToLong(number) : null;
    }

    /** What a parameter type takes, for messages. */
    static String takes(ValType type) {
        if (type.equals(ValType.I32)) {
            return "an integer from -2147483648 to 4294967295 (or a boolean)";
        }
        if (type.equals(ValType.I64)) {
            return "an integer from -2^63 to 2^64-1";
        }
        return type.equals(ValType.F32) ? "a number within the f32 range" : "a number";
    }

    /** A result as a neutral value. */
    static ForeignValue toForeign(long raw, ValType type) {
        if (type.equals(ValType.I32)) {
            return ForeignValue.of((int) raw);
        }
        if (type.equals(ValType.I64)) {
            return ForeignValue.of(raw);
        }
        if (type.equals(ValType.F32)) {
            return ForeignValue.of((double) Value.longToFloat(raw));
        }
        return ForeignValue.of(Value.longToDouble(raw));
    }
}
