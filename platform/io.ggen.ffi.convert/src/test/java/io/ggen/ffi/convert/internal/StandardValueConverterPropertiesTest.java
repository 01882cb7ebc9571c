package io.ggen.ffi.convert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.TypeConverter;
import io.ggen.ffi.convert.json.ForeignValueArbitraries;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Java to neutral to Java, for generated values. Strings include astral code points (surrogate
 * pairs) and lone surrogates: both are legal in Java strings and survive unchanged.
 */
class StandardValueConverterPropertiesTest {

    private final StandardValueConverter plain = new StandardValueConverter();
    private final StandardValueConverter withConverters = new StandardValueConverter();

    StandardValueConverterPropertiesTest() {
        // a converter that knows nothing: the result must not change, only the path through it
        withConverters.addConverter(new TypeConverter() {
            @Override
            public Optional<ForeignValue> toForeign(Object value, ValueConverter whole) {
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter whole) {
                return Optional.empty();
            }
        }, Map.of());
    }

    @Property
    void everyJavaValueSurvivesTheNeutralForm(@ForAll("javaValues") Object value) {
        assertThat(normalize(plain.toJava(plain.toForeign(value)))).isEqualTo(normalize(value));
        assertThat(withConverters.toForeign(value)).isEqualTo(plain.toForeign(value));
        assertThat(normalize(withConverters.toJava(plain.toForeign(value)))).isEqualTo(normalize(value));
    }

    @Property
    void longsConvertToEveryTypeThatHoldsThem(@ForAll("longs") long value) {
        ForeignValue neutral = plain.toForeign(value);

        assertThat(neutral).isEqualTo(ForeignValue.of(value));
        assertThat(plain.toJava(neutral, long.class)).isEqualTo(value);
        assertThat(plain.toJava(neutral, Long.class)).isEqualTo(value);
        assertThat(plain.toJava(neutral, BigInteger.class)).isEqualTo(BigInteger.valueOf(value));
        if (value == (int) value) {
            assertThat(plain.toJava(neutral, int.class)).isEqualTo((int) value);
        } else {
            assertThatThrownBy(() -> plain.toJava(neutral, int.class))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining(value + " does not fit int");
        }
    }

    @Property
    void intsRoundTripThroughEveryIntTarget(@ForAll int value) {
        assertThat(plain.toJava(plain.toForeign(value), int.class)).isEqualTo(value);
        assertThat(plain.toJava(plain.toForeign(value), Integer.class)).isEqualTo(value);
        assertThat(plain.toJava(plain.toForeign(value), double.class)).isEqualTo(value);
    }

    @Property
    void bigIntegersOnBothSidesOfTheLongRange(@ForAll("bigIntegers") BigInteger value) {
        ForeignValue neutral = plain.toForeign(value);
        boolean fitsLong = value.bitLength() < Long.SIZE;

        assertThat(neutral.kind()).isEqualTo(fitsLong ? ForeignValue.Kind.INTEGER : ForeignValue.Kind.BIG_INTEGER);
        assertThat(plain.toJava(neutral, BigInteger.class)).isEqualTo(value);
        assertThat(plain.toJava(neutral)).isEqualTo(fitsLong ? (Object) value.longValue() : value);
        if (!fitsLong) {
            assertThatThrownBy(() -> plain.toJava(neutral, long.class))
                .hasMessageContaining("the integer " + value.toString().substring(0, 19))
                .hasMessageContaining("does not fit long");
        }
    }

    @Property
    void doublesSurviveBitForBit(@ForAll("doubles") double value) {
        ForeignValue neutral = plain.toForeign(value);

        assertThat(Double.doubleToRawLongBits(plain.toJava(neutral, double.class))).isEqualTo(Double.doubleToRawLongBits(value));
        assertThat(plain.toJava(neutral)).isEqualTo(value);
        float rounded = (float) value;
        if (Float.isInfinite(rounded) && Double.isFinite(value)) {
            assertThatThrownBy(() -> plain.toJava(neutral, float.class)).hasMessageContaining("does not fit float");
        } else {
            assertThat(Float.floatToIntBits(plain.toJava(neutral, float.class))).isEqualTo(Float.floatToIntBits(rounded));
        }
    }

    @Property
    void stringsSurviveIncludingSurrogates(@ForAll("strings") String value) {
        assertThat(plain.toJava(plain.toForeign(value), String.class)).isEqualTo(value);
        assertThat(plain.toJava(plain.toForeign(new StringBuilder(value)))).isEqualTo(value);
    }

    @Property
    void byteArraysSurvive(@ForAll byte[] value) {
        assertThat(plain.toJava(plain.toForeign(value), byte[].class)).isEqualTo(value);
        assertThat(plain.toJava(plain.toForeign(ByteBuffer.wrap(value)), ByteBuffer.class)).isEqualTo(ByteBuffer.wrap(value));
    }

    // ---- generators -------------------------------------------------------------------------

    @Provide
    Arbitrary<Object> javaValues() {
        Arbitrary<Object> scalars = Arbitraries.<Object>oneOf(
            Arbitraries.of(true, false),
            ForeignValueArbitraries.longs(),
            ForeignValueArbitraries.bigIntegersBeyondLong(),
            ForeignValueArbitraries.doubles(),
            ForeignValueArbitraries.strings(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).injectNull(0.1);
        return Arbitraries.recursive(() -> scalars, StandardValueConverterPropertiesTest::composites, 0, 3);
    }

    private static Arbitrary<Object> composites(Arbitrary<Object> elements) {
        Arbitrary<Object> keys = Arbitraries.<Object>oneOf(ForeignValueArbitraries.strings(), ForeignValueArbitraries.longs());
        Arbitrary<Object> lists = elements.list().ofMaxSize(4).map(list -> (Object) new ArrayList<>(list));
        Arbitrary<Object> maps = Arbitraries.maps(keys, elements).ofMaxSize(4).map(map -> (Object) new LinkedHashMap<>(map));
        return Arbitraries.oneOf(lists, maps);
    }

    @Provide
    Arbitrary<Long> longs() {
        return ForeignValueArbitraries.longs();
    }

    @Provide
    Arbitrary<BigInteger> bigIntegers() {
        return Arbitraries.oneOf(ForeignValueArbitraries.bigIntegersBeyondLong(), longs().map(BigInteger::valueOf));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return ForeignValueArbitraries.doubles();
    }

    @Provide
    Arbitrary<String> strings() {
        return ForeignValueArbitraries.strings();
    }

    /** Comparable forms: byte arrays by content, maps as ordered lists of entries. */
    private static Object normalize(Object value) {
        return switch (value) {
            case byte[] bytes -> ByteBuffer.wrap(bytes);
            case List<?> list -> {
                List<Object> normalized = new ArrayList<>();
                list.forEach(element -> normalized.add(normalize(element)));
                yield normalized;
            }
            case Map<?, ?> map -> {
                List<Object> entries = new ArrayList<>();
                map.forEach((k, v) -> entries.add(java.util.Arrays.asList("entry", normalize(k), normalize(v))));
                yield entries;
            }
            case null -> null;
            default -> value;
        };
    }
}
