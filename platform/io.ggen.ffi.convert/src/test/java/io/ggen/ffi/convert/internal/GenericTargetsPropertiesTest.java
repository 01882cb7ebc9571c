package io.ggen.ffi.convert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Records, lists, maps and optionals to the neutral form and back to their declared generic type. */
class GenericTargetsPropertiesTest {

    private final StandardValueConverter converter = new StandardValueConverter();

    record Item(String name, long count, Optional<Double> weight, List<Integer> tags) {
    }

    /** Holds the generic types the properties convert to. */
    @SuppressWarnings("unused")
    private static final class Types {
        List<Item> items;
        Map<String, List<Long>> table;
    }

    private static Type type(String field) throws NoSuchFieldException {
        return Types.class.getDeclaredField(field).getGenericType();
    }

    @Property
    void listsOfRecordsSurviveTheNeutralForm(@ForAll @Size(max = 5) List<@Size(max = 3) List<Integer>> tags,
                                             @ForAll String name, @ForAll long count, @ForAll Optional<Double> weight)
            throws NoSuchFieldException {
        List<Item> items = tags.stream().map(t -> new Item(name, count, weight.filter(w -> !w.isNaN()), t)).toList();

        Object back = converter.toJava(converter.toForeign(items), type("items"));

        assertThat(back).isEqualTo(items);
    }

    @Property
    void mapsOfListsSurviveTheNeutralForm(@ForAll @Size(max = 5) Map<String, @Size(max = 4) List<Long>> table)
            throws NoSuchFieldException {
        Object back = converter.toJava(converter.toForeign(table), type("table"));

        assertThat(back).isEqualTo(table);
        assertThat(type("table")).isInstanceOf(ParameterizedType.class);
    }
}
