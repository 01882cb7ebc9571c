package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.BigIntValue;
import io.ggen.ffi.api.ForeignValue.BytesValue;
import io.ggen.ffi.api.ForeignValue.FloatValue;
import io.ggen.ffi.api.ForeignValue.IntValue;
import java.math.BigInteger;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The conversions of primitive values that mean the same in every polyglot language: numbers
 * (integers that fit 64 bits as {@code long}, larger ones as {@link BigInteger}, others as
 * {@code double}), strings, booleans and null. A bridge handles its containers and objects
 * itself and asks this class for the rest.
 */
@ProviderType
public final class PolyglotValues {

    private PolyglotValues() {
    }

    /**
     * The neutral form of a primitive guest value.
     *
     * @return the value, or {@code null} when it is not a primitive (a container or an object)
     */
    public static ForeignValue primitive(Value value) {
        if (value.isNull()) {
            return ForeignValue.NULL;
        }
        if (value.isString()) {
            return ForeignValue.of(value.asString());
        }
        if (value.isBoolean()) {
            return ForeignValue.of(value.asBoolean());
        }
        if (value.isNumber()) {
            return number(value);
        }
        return null;
    }

    /**
     * A guest number: an integer as {@link IntValue} or {@link BigIntValue}, else a {@link FloatValue}.
     * Integral floats ({@code 2.0}) count as integers here; a language that tells them apart asks
     * which it is and calls {@link #integer} or {@link FloatValue} itself.
     */
    public static ForeignValue number(Value value) {
        if (value.fitsInLong() || value.fitsInBigInteger()) {
            return integer(value);
        }
        return new FloatValue(value.asDouble());
    }

    /** A guest integer: an {@link IntValue} when it fits 64 bits, else a {@link BigIntValue}. */
    public static ForeignValue integer(Value value) {
        if (value.fitsInLong()) {
            return ForeignValue.of(value.asLong());
        }
        return ForeignValue.of(value.asBigInteger());
    }

    /**
     * The bytes of a guest buffer ({@link Value#hasBufferElements()}), copied.
     *
     * @throws ForeignException it is larger than a Java array can be
     */
    public static BytesValue bytes(GuestLanguage language, Value buffer) {
        long size = buffer.getBufferSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new ForeignException(language.language(), "UnsupportedValue",
                "a buffer of " + size + " bytes is too large for a Java byte array");
        }
        byte[] bytes = new byte[(int) size];
        buffer.readBuffer(0, bytes, 0, bytes.length);
        return new BytesValue(bytes);
    }

    /**
     * The host object a primitive neutral value passes to a guest as (the guest sees its own
     * string, number, boolean or null).
     *
     * @return the host value, or {@code null} for a neutral null and for non-primitives: check
     *     {@link #isPrimitive} first
     */
    public static Object hostPrimitive(ForeignValue value) {
        return switch (value) {
            case ForeignValue.StringValue s -> s.value();
            case IntValue i -> i.value();
            case BigIntValue b -> b.value();
            case FloatValue f -> f.value();
            case ForeignValue.BoolValue b -> b.value();
            default -> null;
        };
    }

    /** Whether the neutral value is null, a string, a number or a boolean. */
    public static boolean isPrimitive(ForeignValue value) {
        return value instanceof ForeignValue.StringValue || value instanceof IntValue || value instanceof BigIntValue
            || value instanceof FloatValue || value instanceof ForeignValue.BoolValue
            || value instanceof ForeignValue.NullValue;
    }
}
