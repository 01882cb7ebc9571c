package io.ggen.ffi.convert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.TypeConverter;
import io.ggen.ffi.convert.json.TestHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StandardValueConverterTest {

    private final StandardValueConverter converter = new StandardValueConverter();

    // ---- Java to neutral --------------------------------------------------------------------

    @Test
    void scalarsFollowTheBuiltInMapping() {
        assertThat(converter.toForeign(null)).isEqualTo(ForeignValue.NULL);
        assertThat(converter.toForeign(true)).isEqualTo(ForeignValue.TRUE);
        assertThat(converter.toForeign((byte) -1)).isEqualTo(ForeignValue.of(-1));
        assertThat(converter.toForeign((short) 300)).isEqualTo(ForeignValue.of(300));
        assertThat(converter.toForeign(7)).isEqualTo(ForeignValue.of(7));
        assertThat(converter.toForeign(Long.MIN_VALUE)).isEqualTo(ForeignValue.of(Long.MIN_VALUE));
        assertThat(converter.toForeign(BigInteger.TEN)).isEqualTo(ForeignValue.of(10));
        assertThat(converter.toForeign(BigInteger.TWO.pow(64)).kind()).isEqualTo(ForeignValue.Kind.BIG_INTEGER);
        assertThat(converter.toForeign(1.5f)).isEqualTo(ForeignValue.of(1.5));
        assertThat(converter.toForeign(-0.0)).isEqualTo(ForeignValue.of(-0.0));
        assertThat(converter.toForeign(new StringBuilder("sb"))).isEqualTo(ForeignValue.of("sb"));
        assertThat(converter.toForeign('c')).isEqualTo(ForeignValue.of("c"));
        assertThat(converter.toForeign(TimeUnit.SECONDS)).isEqualTo(ForeignValue.of("SECONDS"));
    }

    @Test
    void bytesAndBuffersBecomeBytesWithoutMovingTheBuffer() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
        buffer.get();

        assertThat(converter.toForeign(buffer)).isEqualTo(ForeignValue.of(new byte[] {2, 3}));
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(converter.toForeign(new byte[] {9})).isEqualTo(ForeignValue.of(new byte[] {9}));
    }

    @Test
    void arraysCollectionsAndOptionalsBecomeLists() {
        ForeignValue oneTwo = ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2));
        assertThat(converter.toForeign(new int[] {1, 2})).isEqualTo(oneTwo);
        assertThat(converter.toForeign(new short[] {1, 2})).isEqualTo(oneTwo);
        assertThat(converter.toForeign(new Long[] {1L, 2L})).isEqualTo(oneTwo);
        assertThat(converter.toForeign(new LinkedHashSet<>(List.of(1, 2)))).isEqualTo(oneTwo);
        assertThat(converter.toForeign(Arrays.asList(1, null)))
            .isEqualTo(ForeignValue.list(ForeignValue.of(1), ForeignValue.NULL));
        assertThat(converter.toForeign(Optional.empty())).isEqualTo(ForeignValue.NULL);
        assertThat(converter.toForeign(Optional.of("x"))).isEqualTo(ForeignValue.of("x"));
        assertThat(converter.toForeign(OptionalInt.of(3))).isEqualTo(ForeignValue.of(3));
    }

    @Test
    void mapsKeepTheirOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put(2, List.of("a"));
        map.put(null, null);

        ForeignValue.MapValue converted = (ForeignValue.MapValue) converter.toForeign(map);

        assertThat(converted.entries().keySet()).containsExactly(ForeignValue.of("z"), ForeignValue.of(2), ForeignValue.NULL);
        Map<Object, Object> natural = new LinkedHashMap<>();
        natural.put("z", 1L);
        natural.put(2L, List.of("a"));
        natural.put(null, null);
        assertThat(converter.toJava(converted)).isEqualTo(natural);
        assertThat(new ArrayList<Object>(((Map<?, ?>) converter.toJava(converted)).keySet())).containsExactly("z", 2L, null);
    }

    @Test
    void neutralValuesAndHandlesStayAsTheyAre() {
        ForeignValue value = ForeignValue.of("v");
        TestHandle handle = new TestHandle("h");

        assertThat(converter.toForeign(value)).isSameAs(value);
        assertThat(converter.toForeign(handle)).isEqualTo(ForeignValue.handle(handle));
        assertThat(converter.toJava(ForeignValue.handle(handle))).isSameAs(handle);
    }

    @Test
    void anUnknownTypeNamesTheClassAndTheFix() {
        assertThatThrownBy(() -> converter.toForeign(List.of(new Thread())))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("java.lang.Thread")
            .hasMessageContaining("register an io.ggen.ffi.api.spi.TypeConverter")
            .satisfies(e -> assertThat(((ForeignArgumentException) e).language()).isEqualTo("java"));
    }

    // ---- neutral to Java --------------------------------------------------------------------

    @Test
    void theNaturalFormsAreTheWidestTypes() {
        assertThat(converter.toJava(ForeignValue.NULL)).isNull();
        assertThat(converter.toJava(ForeignValue.of(1))).isEqualTo(1L);
        assertThat(converter.toJava(ForeignValue.of(BigInteger.TWO.pow(80)))).isEqualTo(BigInteger.TWO.pow(80));
        assertThat(converter.toJava(ForeignValue.of(1.0))).isEqualTo(1.0);
        assertThat(converter.toJava(ForeignValue.list(ForeignValue.NULL, ForeignValue.of("a"))))
            .isEqualTo(Arrays.asList(null, "a"));
        assertThat(converter.toJava(ForeignValue.of(new byte[] {1}))).isEqualTo(new byte[] {1});
    }

    @Test
    void integersConvertToEveryIntegralTypeThatHoldsThem() {
        ForeignValue seven = ForeignValue.of(7);
        assertThat(converter.toJava(seven, int.class)).isEqualTo(7);
        assertThat(converter.toJava(seven, Integer.class)).isEqualTo(7);
        assertThat(converter.toJava(seven, byte.class)).isEqualTo((byte) 7);
        assertThat(converter.toJava(seven, Short.class)).isEqualTo((short) 7);
        assertThat(converter.toJava(seven, long.class)).isEqualTo(7L);
        assertThat(converter.toJava(seven, BigInteger.class)).isEqualTo(BigInteger.valueOf(7));
        assertThat(converter.toJava(seven, double.class)).isEqualTo(7.0);
        assertThat(converter.toJava(seven, Number.class)).isEqualTo(7L);
        assertThat(converter.toJava(ForeignValue.of(3.0), int.class)).isEqualTo(3);
        assertThat(converter.toJava(ForeignValue.of(-0.0), long.class)).isEqualTo(0L);
        assertThat(converter.toJava(ForeignValue.of(1e20), BigInteger.class)).isEqualTo(new BigInteger("100000000000000000000"));
    }

    @Test
    void aValueOutOfRangeSaysTheValueAndTheTarget() {
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(3_000_000_000L), int.class))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("the integer 3000000000 does not fit int (range -2147483648..2147483647)");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(128), Byte.class))
            .hasMessageContaining("the integer 128 does not fit java.lang.Byte (range -128..127)");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(BigInteger.TWO.pow(63)), long.class))
            .hasMessageContaining("the integer 9223372036854775808 does not fit long");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(1e19), long.class))
            .hasMessageContaining("the float 1.0E19 does not fit long");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(3.5), int.class))
            .hasMessageContaining("the float 3.5 does not fit int: it is not an integer");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(Double.NaN), BigInteger.class))
            .hasMessageContaining("the float NaN does not fit java.math.BigInteger");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(1e300), float.class))
            .hasMessageContaining("the float 1.0E300 does not fit float");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of(BigInteger.TWO.pow(1100)), double.class))
            .hasMessageContaining("does not fit double");
    }

    @Test
    void floatTargetsRoundButKeepInfinitiesAndNaN() {
        assertThat(converter.toJava(ForeignValue.of(0.1), float.class)).isEqualTo(0.1f);
        assertThat(converter.toJava(ForeignValue.of(Double.NEGATIVE_INFINITY), Float.class)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(converter.toJava(ForeignValue.of(Double.NaN), float.class)).isNaN();
    }

    @Test
    void nullFitsReferencesButNotPrimitives() {
        assertThat(converter.toJava(ForeignValue.NULL, Integer.class)).isNull();
        assertThat(converter.toJava(ForeignValue.NULL, String.class)).isNull();
        assertThat(converter.toJava(ForeignValue.NULL, Optional.class)).isEmpty();
        assertThatThrownBy(() -> converter.toJava(ForeignValue.NULL, int.class))
            .hasMessageContaining("null does not fit int: use Integer or Optional");
    }

    @Test
    void theOtherTargets() {
        assertThat(converter.toJava(ForeignValue.of("x"), char.class)).isEqualTo('x');
        assertThat(converter.toJava(ForeignValue.of("x"), CharSequence.class)).isEqualTo("x");
        assertThat(converter.toJava(ForeignValue.TRUE, boolean.class)).isTrue();
        assertThat(converter.toJava(ForeignValue.of("SECONDS"), TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
        assertThat(converter.toJava(ForeignValue.of(new byte[] {1}), ByteBuffer.class)).isEqualTo(ByteBuffer.wrap(new byte[] {1}));
        assertThat(converter.toJava(ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2)), int[].class)).containsExactly(1, 2);
        assertThat(converter.toJava(ForeignValue.list(ForeignValue.of("a")), String[].class)).containsExactly("a");
        assertThat(converter.toJava(ForeignValue.of("a"), Optional.class)).contains("a");
        assertThat(converter.toJava(ForeignValue.of("a"), Comparable.class)).isEqualTo("a");
        assertThat(converter.toJava(ForeignValue.list(), List.class)).isEmpty();
    }

    @Test
    void aForeignValueTargetGetsTheValueItself() {
        ForeignValue value = ForeignValue.of(5);
        assertThat(converter.toJava(value, ForeignValue.class)).isSameAs(value);
        assertThat(converter.toJava(value, ForeignValue.IntValue.class)).isSameAs(value);
        assertThatThrownBy(() -> converter.toJava(value, ForeignValue.StringValue.class))
            .hasMessageContaining("cannot convert the integer 5 to io.ggen.ffi.api.ForeignValue$StringValue");
    }

    @Test
    void aKindMismatchOrAnUnknownTargetIsClear() {
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of("abc"), int.class))
            .hasMessageContaining("cannot convert the string \"abc\" to int");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of("ab"), char.class))
            .hasMessageContaining("the string \"ab\" does not fit char");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of("DAYZ"), TimeUnit.class))
            .hasMessageContaining("the string \"DAYZ\" names no constant of java.util.concurrent.TimeUnit (one of NANOSECONDS");
        assertThatThrownBy(() -> converter.toJava(ForeignValue.of("P1D"), LocalDate.class))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("no conversion of the string \"P1D\" to Java type java.time.LocalDate")
            .hasMessageContaining("TypeConverter");
    }

    // ---- TypeConverter services -------------------------------------------------------------

    /** Dates as "date:2024-01-31" strings. */
    static final class DateConverter implements TypeConverter {
        @Override
        public Optional<ForeignValue> toForeign(Object value, ValueConverter whole) {
            return value instanceof LocalDate date ? Optional.of(ForeignValue.of("date:" + date)) : Optional.empty();
        }

        @Override
        public <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter whole) {
            if ((target == LocalDate.class || target == Object.class)
                    && value instanceof ForeignValue.StringValue s && s.value().startsWith("date:")) {
                return Optional.of(target.cast(LocalDate.parse(s.value().substring(5))));
            }
            return Optional.empty();
        }
    }

    /** Answers everything of one Java type with a fixed value. */
    record Fixed(Class<?> type, ForeignValue answer) implements TypeConverter {
        @Override
        public Optional<ForeignValue> toForeign(Object value, ValueConverter whole) {
            return type.isInstance(value) ? Optional.of(answer) : Optional.empty();
        }

        @Override
        public <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter whole) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> service(long id, int ranking) {
        return Map.of("service.id", id, "service.ranking", ranking);
    }

    @Test
    void convertersAreAskedBeforeTheBuiltInMapping() {
        converter.addConverter(new Fixed(String.class, ForeignValue.of("converted")), service(1, 0));

        assertThat(converter.toForeign("plain")).isEqualTo(ForeignValue.of("converted"));
        assertThat(converter.toForeign(1)).isEqualTo(ForeignValue.of(1));
    }

    @Test
    void convertersAreAskedForTheElementsOfListsMapsAndArrays() {
        converter.addConverter(new DateConverter(), service(1, 0));
        LocalDate date = LocalDate.of(2024, 1, 31);

        ForeignValue list = converter.toForeign(List.of(1, date, Map.of(date, Optional.of(date))));

        ForeignValue text = ForeignValue.of("date:2024-01-31");
        assertThat(list).isEqualTo(ForeignValue.list(ForeignValue.of(1), text, ForeignValue.map(Map.of(text, text))));
        assertThat(converter.toJava(list)).isEqualTo(List.of(1L, date, Map.of(date, date)));
        assertThat(converter.toJava(ForeignValue.list(text), LocalDate[].class)).containsExactly(date);
    }

    @Test
    void higherRankingWinsThenOlderService() {
        converter.addConverter(new Fixed(String.class, ForeignValue.of("low")), service(1, -5));
        converter.addConverter(new Fixed(String.class, ForeignValue.of("younger")), service(3, 10));
        converter.addConverter(new Fixed(String.class, ForeignValue.of("older")), service(2, 10));

        assertThat(converter.toForeign("x")).isEqualTo(ForeignValue.of("older"));
    }

    @Test
    void removingAndReRankingTakeEffect() {
        Fixed low = new Fixed(String.class, ForeignValue.of("low"));
        Fixed high = new Fixed(String.class, ForeignValue.of("high"));
        converter.addConverter(low, service(1, 1));
        converter.addConverter(high, service(2, 2));

        converter.updatedConverter(low, service(1, 3));
        assertThat(converter.toForeign("x")).isEqualTo(ForeignValue.of("low"));

        converter.removeConverter(low, service(1, 3));
        assertThat(converter.toForeign("x")).isEqualTo(ForeignValue.of("high"));

        converter.removeConverter(high, service(2, 2));
        assertThat(converter.toForeign("x")).isEqualTo(ForeignValue.of("x"));
    }

    @Test
    void aConverterThatPassesLeavesTheValueToTheNext() {
        List<Object> asked = new ArrayList<>();
        converter.addConverter(new TypeConverter() {
            @Override
            public Optional<ForeignValue> toForeign(Object value, ValueConverter whole) {
                asked.add(value);
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter whole) {
                return Optional.empty();
            }
        }, service(1, 0));

        assertThat(converter.toForeign(List.of("a"))).isEqualTo(ForeignValue.list(ForeignValue.of("a")));
        assertThat(asked).containsExactly(List.of("a"), "a");
    }
}
