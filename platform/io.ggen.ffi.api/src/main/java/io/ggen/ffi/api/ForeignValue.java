package io.ggen.ffi.api;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The neutral value model: what crosses between Java and any foreign language.
 *
 * <p>Every bridge converts its guest values to and from these kinds, so a value produced by one
 * language can be handed to another. Integers that fit a {@code long} are always {@link IntValue};
 * only larger ones are {@link BigIntValue} ({@link #of(BigInteger)} normalizes). Lists and maps are
 * immutable and keep their order. Objects that have no neutral form stay in their language and
 * cross as a {@link HandleValue}.
 */
public sealed interface ForeignValue {

    /** The null value ({@code null}, {@code None}, {@code NULL}, {@code undefined}). */
    NullValue NULL = new NullValue();
    BoolValue TRUE = new BoolValue(true);
    BoolValue FALSE = new BoolValue(false);

    /** The kind of this value. */
    Kind kind();

    /** The kinds of neutral values. */
    enum Kind { NULL, BOOLEAN, INTEGER, BIG_INTEGER, FLOAT, STRING, BYTES, LIST, MAP, HANDLE }

    static BoolValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** An integer; the small ones (-128 to 1023) are made once, as {@code Long.valueOf} does. */
    static IntValue of(long value) {
        return value >= IntValue.SMALLEST && value < IntValue.SMALLEST + IntValue.SMALL.length
            ? IntValue.SMALL[(int) value - IntValue.SMALLEST] : new IntValue(value);
    }

    /** An integer; one that fits a {@code long} becomes an {@link IntValue}. */
    static ForeignValue of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        return value.bitLength() < Long.SIZE ? of(value.longValue()) : new BigIntValue(value);
    }

    static FloatValue of(double value) {
        return new FloatValue(value);
    }

    static ForeignValue of(String value) {
        return value == null ? NULL : new StringValue(value);
    }

    static ForeignValue of(byte[] value) {
        return value == null ? NULL : new BytesValue(value);
    }

    static ListValue list(ForeignValue... values) {
        return new ListValue(List.of(values));
    }

    static ListValue list(List<? extends ForeignValue> values) {
        return new ListValue(List.<ForeignValue>copyOf(values));
    }

    static MapValue map(Map<? extends ForeignValue, ? extends ForeignValue> entries) {
        return new MapValue(new LinkedHashMap<ForeignValue, ForeignValue>(entries));
    }

    static HandleValue handle(ForeignHandle handle) {
        return new HandleValue(handle);
    }

    /** {@code null}, {@code None}, {@code undefined}. */
    record NullValue() implements ForeignValue {
        @Override public Kind kind() { return Kind.NULL; }
        @Override public String toString() { return "null"; }
    }

    record BoolValue(boolean value) implements ForeignValue {
        @Override public Kind kind() { return Kind.BOOLEAN; }
        @Override public String toString() { return Boolean.toString(value); }
    }

    /** An integer that fits 64 bits. */
    record IntValue(long value) implements ForeignValue {
        private static final int SMALLEST = -128;
        private static final IntValue[] SMALL = new IntValue[1024 - SMALLEST];

        static {
            for (int i = 0; i < SMALL.length; i++) {
                SMALL[i] = new IntValue(SMALLEST + i);
            }
        }

        @Override public Kind kind() { return Kind.INTEGER; }
        @Override public String toString() { return Long.toString(value); }
    }

    /** An integer beyond 64 bits; create it with {@link ForeignValue#of(BigInteger)}. */
    record BigIntValue(BigInteger value) implements ForeignValue {
        public BigIntValue {
            if (value.bitLength() < Long.SIZE) {
                throw new IllegalArgumentException(value + " fits a long: use ForeignValue.of(BigInteger)");
            }
        }
        @Override public Kind kind() { return Kind.BIG_INTEGER; }
        @Override public String toString() { return value.toString(); }
    }

    /** A 64-bit IEEE 754 number, NaN and infinities included. */
    record FloatValue(double value) implements ForeignValue {
        @Override public Kind kind() { return Kind.FLOAT; }
        @Override public String toString() { return Double.toString(value); }
    }

    record StringValue(String value) implements ForeignValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
        @Override public Kind kind() { return Kind.STRING; }
        @Override public String toString() { return value; }
    }

    /** Bytes; the array is copied in and out, so the value stays immutable. */
    record BytesValue(byte[] value) implements ForeignValue {
        public BytesValue {
            value = value.clone();
        }
        @Override public byte[] value() { return value.clone(); }
        public int length() { return value.length; }
        @Override public Kind kind() { return Kind.BYTES; }
        @Override public boolean equals(Object o) { return o instanceof BytesValue b && Arrays.equals(value, b.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "bytes:" + Base64.getEncoder().encodeToString(value); }
    }

    /** An ordered, immutable list. */
    record ListValue(List<ForeignValue> values) implements ForeignValue {
        public ListValue {
            values = List.copyOf(values);
        }
        public int size() { return values.size(); }
        public ForeignValue get(int index) { return values.get(index); }
        @Override public Kind kind() { return Kind.LIST; }
        @Override public String toString() { return values.toString(); }
    }

    /** An immutable map that keeps the order of its entries. */
    record MapValue(Map<ForeignValue, ForeignValue> entries) implements ForeignValue {
        public MapValue {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            if (entries.containsKey(null) || entries.containsValue(null)) {
                throw new NullPointerException("a map entry is null: use ForeignValue.NULL");
            }
        }
        /** The value for a string key, or {@code null} when there is none. */
        public ForeignValue get(String key) { return entries.get(new StringValue(key)); }
        @Override public Kind kind() { return Kind.MAP; }
        @Override public String toString() { return entries.toString(); }
    }

    /** An object that stays in its language; release it when done. */
    record HandleValue(ForeignHandle handle) implements ForeignValue {
        public HandleValue {
            Objects.requireNonNull(handle, "handle");
        }
        @Override public Kind kind() { return Kind.HANDLE; }
        @Override public String toString() { return handle.toString(); }
    }
}
