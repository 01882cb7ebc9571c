package io.ggen.ffi.convert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.TypeConverter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ValueConverter#toJava(ForeignValue, Type)}: generic types, records and beans, and records and beans to maps. */
class GenericTargetsTest {

    private final StandardValueConverter converter = new StandardValueConverter();

    /** The type argument of an anonymous subclass: {@code new Ref<List<Long>>() {}.type()}. */
    abstract static class Ref<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    record Point(long x, long y) {
    }

    record Person(String name, Optional<String> nickname, List<Point> places) {
    }

    record Pair<A, B>(A first, B second) {
    }

    /** A Java bean: a public no-argument constructor, getters and setters. */
    public static final class Settings {
        private String host = "localhost";
        private int port = 80;
        private boolean secure;
        private List<Long> limits = List.of();

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public boolean isSecure() { return secure; }
        public void setSecure(boolean secure) { this.secure = secure; }
        public List<Long> getLimits() { return limits; }
        public void setLimits(List<Long> limits) { this.limits = limits; }
    }

    private static ForeignValue.MapValue map(Object... keysAndValues) {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(ForeignValue.of((String) keysAndValues[i]), (ForeignValue) keysAndValues[i + 1]);
        }
        return ForeignValue.map(entries);
    }

    private static ForeignValue point(long x, long y) {
        return map("x", ForeignValue.of(x), "y", ForeignValue.of(y));
    }

    @Test
    void listsAndCollectionsConvertEveryElementToItsType() {
        ForeignValue numbers = ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2.0), ForeignValue.of(3));

        Object longs = converter.toJava(numbers, new Ref<List<Long>>() { }.type());
        Object ints = converter.toJava(numbers, new Ref<Collection<Integer>>() { }.type());

        assertThat(longs).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(ints).isEqualTo(List.of(1, 2, 3));
        assertThat(converter.toJava(ForeignValue.list(ForeignValue.of("a"), ForeignValue.of("a")),
            new Ref<Set<String>>() { }.type())).isEqualTo(Set.of("a"));
        assertThat(converter.toJava(ForeignValue.NULL, new Ref<List<Long>>() { }.type())).isNull();
    }

    @Test
    void mapsConvertKeysAndValuesAndKeepTheirOrder() {
        ForeignValue.MapValue value = map("b", ForeignValue.of(2), "a", ForeignValue.of(1));

        @SuppressWarnings("unchecked")
        Map<String, Long> converted = (Map<String, Long>) converter.toJava(value, new Ref<Map<String, Long>>() { }.type());

        assertThat(converted).containsExactly(Map.entry("b", 2L), Map.entry("a", 1L));
        assertThat(converted.get("a")).isInstanceOf(Long.class);
    }

    @Test
    void optionalsAreEmptyForNullAndHoldTheConvertedValueOtherwise() {
        Type optionalLong = new Ref<Optional<Long>>() { }.type();

        assertThat(converter.toJava(ForeignValue.NULL, optionalLong)).isEqualTo(Optional.empty());
        assertThat(converter.toJava(ForeignValue.of(4.0), optionalLong)).isEqualTo(Optional.of(4L));
        assertThat(converter.toJava(ForeignValue.of("x"), new Ref<Optional<String>>() { }.type())).isEqualTo(Optional.of("x"));
    }

    @Test
    void arraysOfGenericComponentsAndPlainClassesConvert() {
        ForeignValue lists = ForeignValue.list(ForeignValue.list(ForeignValue.of(1)), ForeignValue.list());

        Object array = converter.toJava(lists, new Ref<List<Long>[]>() { }.type());

        assertThat(array).isInstanceOf(List[].class);
        assertThat((List<?>[]) array).containsExactly(List.of(1L), List.of());
        assertThat(converter.toJava(ForeignValue.of("SECONDS"), (Type) TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
        assertThat(converter.toJava(ForeignValue.of(5), (Type) BigInteger.class)).isEqualTo(BigInteger.valueOf(5));
        assertThat(converter.toJava(ForeignValue.of(5), (Type) long.class)).isEqualTo(5L);
    }

    @Test
    void aRecordIsMadeFromAMapByComponentNameIgnoringExtraKeys() {
        ForeignValue value = map("name", ForeignValue.of("Ada"), "age", ForeignValue.of(36),
            "places", ForeignValue.list(point(1, 2), map("y", ForeignValue.of(4), "x", ForeignValue.of(3))));

        Object person = converter.toJava(value, Person.class);

        assertThat(person).isEqualTo(new Person("Ada", Optional.empty(), List.of(new Point(1, 2), new Point(3, 4))));
        assertThat(converter.toJava(value, (Type) Person.class)).isEqualTo(person);
    }

    @Test
    void aMissingComponentIsNullButAPrimitiveOneIsAnErrorThatNamesIt() {
        assertThat(converter.toJava(map("nickname", ForeignValue.of("A")), Person.class))
            .isEqualTo(new Person(null, Optional.of("A"), null));
        assertThatThrownBy(() -> converter.toJava(map("x", ForeignValue.of(1)), Point.class))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("at y: missing: the map has no \"y\" for the long component of " + Point.class.getName());
    }

    @Test
    void errorsSayWhereInTheValue() {
        ForeignValue people = ForeignValue.list(map("name", ForeignValue.of("a")), map("name", ForeignValue.of("b")),
            map("name", ForeignValue.of(5)));
        assertThatThrownBy(() -> converter.toJava(people, new Ref<List<Person>>() { }.type()))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("at [2].name: cannot convert the integer 5 to java.lang.String");

        ForeignValue places = map("places", ForeignValue.list(point(1, 2), map("x", ForeignValue.of("far"), "y", ForeignValue.of(1))));
        assertThatThrownBy(() -> converter.toJava(places, Person.class))
            .hasMessageContaining("at places[1].x: cannot convert the string \"far\" to long");

        assertThatThrownBy(() -> converter.toJava(map("k", ForeignValue.list(ForeignValue.TRUE)),
                new Ref<Map<String, long[]>>() { }.type()))
            .hasMessageContaining("at [\"k\"][0]: cannot convert the boolean true to long");
    }

    @Test
    void aGenericRecordTakesItsTypeArguments() {
        ForeignValue value = map("first", ForeignValue.of("n"), "second", ForeignValue.list(ForeignValue.of(1.0)));

        Object pair = converter.toJava(value, new Ref<Pair<String, List<Long>>>() { }.type());

        assertThat(pair).isEqualTo(new Pair<>("n", List.of(1L)));
    }

    @Test
    void aBeanIsMadeThroughItsSettersAndKeepsItsDefaultsForWhatTheMapLacks() {
        ForeignValue value = map("host", ForeignValue.of("example.org"), "secure", ForeignValue.TRUE,
            "limits", ForeignValue.list(ForeignValue.of(3)), "unknown", ForeignValue.of(1));

        Settings settings = converter.toJava(value, Settings.class);

        assertThat(settings.getHost()).isEqualTo("example.org");
        assertThat(settings.getPort()).isEqualTo(80);
        assertThat(settings.isSecure()).isTrue();
        assertThat(settings.getLimits()).containsExactly(3L);
        assertThatThrownBy(() -> converter.toJava(map("port", ForeignValue.of("eighty")), Settings.class))
            .hasMessageContaining("at port: cannot convert the string \"eighty\" to int");
    }

    @Test
    void recordsBecomeOrderedMapsOfTheirComponentsAndBeansOfTheirProperties() {
        assertThat(converter.toForeign(new Person("Ada", Optional.empty(), List.of(new Point(1, 2)))))
            .isEqualTo(map("name", ForeignValue.of("Ada"), "nickname", ForeignValue.NULL,
                "places", ForeignValue.list(point(1, 2))));
        assertThat(((ForeignValue.MapValue) converter.toForeign(new Point(2, 1))).entries().keySet())
            .containsExactly(ForeignValue.of("x"), ForeignValue.of("y"));

        Settings settings = new Settings();
        settings.setPort(8080);
        assertThat(converter.toForeign(settings)).isEqualTo(map("host", ForeignValue.of("localhost"),
            "limits", ForeignValue.list(), "port", ForeignValue.of(8080), "secure", ForeignValue.FALSE));
    }

    @Test
    void aPartThatCannotConvertToAForeignValueSaysWhere() {
        record Holder(Object thing) {
        }
        assertThatThrownBy(() -> converter.toForeign(new Holder(new Object())))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("at thing: no conversion to a foreign value for Java type java.lang.Object");
        assertThatThrownBy(() -> converter.toForeign(List.of(1, Map.of("k", new Object()))))
            .hasMessageContaining("at [1][\"k\"]: no conversion to a foreign value for Java type java.lang.Object");
    }

    @Test
    void typeConvertersSeeTheElementsOfGenericTargets() {
        converter.addConverter(new TypeConverter() {
            @Override
            public Optional<ForeignValue> toForeign(Object value, ValueConverter whole) {
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> toJava(ForeignValue value, Class<T> target, ValueConverter whole) {
                return target == LocalDate.class && value instanceof ForeignValue.StringValue s
                    ? Optional.of(target.cast(LocalDate.parse(s.value()))) : Optional.empty();
            }
        }, Map.of("service.id", 1L));

        Object dates = converter.toJava(ForeignValue.list(ForeignValue.of("2024-01-31")), new Ref<List<LocalDate>>() { }.type());

        assertThat(dates).isEqualTo(List.of(LocalDate.of(2024, 1, 31)));
    }
}
