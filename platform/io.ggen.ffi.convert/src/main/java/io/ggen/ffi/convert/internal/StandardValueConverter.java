package io.ggen.ffi.convert.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.TypeConverter;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The platform's {@link ValueConverter}: the built-in mapping documented on that interface,
 * extended by every {@link TypeConverter} service.
 *
 * <p>Converters are asked first, highest {@code service.ranking} first (equal rankings: the older
 * service first), for the whole value and for every part of a list, map or optional. Two values
 * never reach them: Java {@code null} (it has no type to teach) and a {@link ForeignValue} (it is
 * neutral already), and a {@link ForeignValue} target is answered with the value itself. While no
 * converter is registered, a conversion costs one volatile read and a type switch.
 *
 * <p>Beyond the interface's table: a Java enum constant becomes its name, and a string can be had
 * as an enum of the target type; records and Java beans convert as {@link JavaStructures} says, and
 * generic targets as {@link GenericTargets} says; {@code OptionalInt}, {@code OptionalLong} and
 * {@code OptionalDouble} convert like {@code Optional}. Conversions to a target type are lossless
 * for integral targets (an integral float such as {@code 3.0} gives the int {@code 3}, but
 * {@code 3.5} does not) and range-checked for floating targets (rounding is allowed, overflow is
 * not); {@link JavaTargets} has the details.
 */
@Component(service = ValueConverter.class)
public final class StandardValueConverter implements ValueConverter {

    static final String LANGUAGE = "java";

    private static final TypeConverter[] NONE = new TypeConverter[0];

    /** Registered converters, in any order; guarded by {@code this}. */
    private final List<Registration> registrations = new ArrayList<>();
    /** The registered converters in the order they are asked; replaced, never mutated. */
    private volatile TypeConverter[] converters = NONE;

    /** Used by DS and by unit tests; converters arrive through {@link #addConverter}. */
    public StandardValueConverter() {
    }

    // ---- the TypeConverter whiteboard -------------------------------------------------------

    @Reference(service = TypeConverter.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        unbind = "removeConverter", updated = "updatedConverter")
    void addConverter(TypeConverter converter, Map<String, Object> properties) {
        synchronized (this) {
            registrations.add(new Registration(converter, ranking(properties), serviceId(properties)));
            publish();
        }
    }

    void updatedConverter(TypeConverter converter, Map<String, Object> properties) {
        synchronized (this) {
            if (remove(converter, properties)) {
                registrations.add(new Registration(converter, ranking(properties), serviceId(properties)));
                publish();
            }
        }
    }

    void removeConverter(TypeConverter converter, Map<String, Object> properties) {
        synchronized (this) {
            if (remove(converter, properties)) {
                publish();
            }
        }
    }

    private boolean remove(TypeConverter converter, Map<String, Object> properties) {
        long id = serviceId(properties);
        for (int i = 0; i < registrations.size(); i++) {
            Registration r = registrations.get(i);
            if (r.converter == converter && r.serviceId == id) {
                registrations.remove(i);
                return true;
            }
        }
        return false;
    }

    private void publish() {
        converters = registrations.stream()
            .sorted(Comparator.comparingInt(Registration::ranking).reversed()
                .thenComparingLong(Registration::serviceId))
            .map(Registration::converter)
            .toArray(TypeConverter[]::new);
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get("service.id") instanceof Long id ? id : Long.MAX_VALUE;
    }

    private record Registration(TypeConverter converter, int ranking, long serviceId) {
    }

    // ---- Java to neutral --------------------------------------------------------------------

    @Override
    public ForeignValue toForeign(Object value) {
        if (value == null) {
            return ForeignValue.NULL;
        }
        if (value instanceof ForeignValue neutral) {
            return neutral;
        }
        TypeConverter[] asked = converters;
        for (TypeConverter converter : asked) {
            Optional<ForeignValue> converted = converter.toForeign(value, this);
            if (converted != null && converted.isPresent()) {
                return converted.get();
            }
        }
        return builtIn(value);
    }

    private ForeignValue builtIn(Object value) {
        return switch (value) {
            case String s -> new ForeignValue.StringValue(s);
            case Long l -> ForeignValue.of(l);
            case Integer i -> ForeignValue.of(i);
            case Double d -> ForeignValue.of(d);
            case Boolean b -> ForeignValue.of(b);
            case byte[] bytes -> new ForeignValue.BytesValue(bytes);
            case BigInteger big -> ForeignValue.of(big);
            case Short s -> ForeignValue.of(s);
            case Byte b -> ForeignValue.of(b);
            case Float f -> ForeignValue.of(f);
            case Character c -> new ForeignValue.StringValue(c.toString());
            case CharSequence cs -> new ForeignValue.StringValue(cs.toString());
            case ByteBuffer buffer -> new ForeignValue.BytesValue(bytesOf(buffer));
            case ForeignHandle handle -> ForeignValue.handle(handle);
            case Collection<?> collection -> listOf(collection);
            case Map<?, ?> map -> mapOf(map);
            case Optional<?> optional -> optional.isPresent() ? toForeign(optional.get()) : ForeignValue.NULL;
            case OptionalLong o -> o.isPresent() ? ForeignValue.of(o.getAsLong()) : ForeignValue.NULL;
            case OptionalInt o -> o.isPresent() ? ForeignValue.of(o.getAsInt()) : ForeignValue.NULL;
            case OptionalDouble o -> o.isPresent() ? ForeignValue.of(o.getAsDouble()) : ForeignValue.NULL;
            case Enum<?> constant -> new ForeignValue.StringValue(constant.name());
            case Object[] array -> listOf(Arrays.asList(array));
            default -> value.getClass().isArray() ? primitiveArray(value) : structure(value);
        };
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes); // a duplicate leaves the caller's position alone
        return bytes;
    }

    private ForeignValue listOf(Collection<?> collection) {
        ForeignValue[] values = new ForeignValue[collection.size()];
        int i = 0;
        for (Object element : collection) {
            try {
                values[i] = toForeign(element);
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("[" + i + "]", e);
            }
            i++;
        }
        return ForeignValue.list(i == values.length ? values : Arrays.copyOf(values, i));
    }

    private ForeignValue mapOf(Map<?, ?> map) {
        Map<ForeignValue, ForeignValue> entries = LinkedHashMap.newLinkedHashMap(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            ForeignValue key = toForeign(entry.getKey());
            try {
                entries.put(key, toForeign(entry.getValue()));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at(LocatedArgumentException.key(entry.getKey()), e);
            }
        }
        return new ForeignValue.MapValue(entries);
    }

    private ForeignValue primitiveArray(Object array) {
        List<ForeignValue> values = switch (array) {
            case int[] a -> Arrays.stream(a).mapToObj(v -> (ForeignValue) ForeignValue.of(v)).toList();
            case long[] a -> Arrays.stream(a).mapToObj(v -> (ForeignValue) ForeignValue.of(v)).toList();
            case double[] a -> Arrays.stream(a).mapToObj(v -> (ForeignValue) ForeignValue.of(v)).toList();
            default -> {
                // boolean[], char[], short[], float[]: rare enough for the boxing route
                int length = java.lang.reflect.Array.getLength(array);
                List<ForeignValue> boxed = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    boxed.add(toForeign(java.lang.reflect.Array.get(array, i)));
                }
                yield boxed;
            }
        };
        return ForeignValue.list(values);
    }

    /** A record or Java bean as a map; see {@link JavaStructures}. */
    private ForeignValue structure(Object value) {
        ForeignValue map = JavaStructures.toForeign(value, this);
        return map != null ? map : unknown(value);
    }

    private static ForeignValue unknown(Object value) {
        throw new ForeignArgumentException(LANGUAGE, "no conversion to a foreign value for Java type "
            + value.getClass().getName() + ": register an " + TypeConverter.class.getName()
            + " service for it");
    }

    // ---- neutral to Java --------------------------------------------------------------------

    @Override
    public Object toJava(ForeignValue value) {
        return toJava(value, Object.class);
    }

    @Override
    public <T> T toJava(ForeignValue value, Class<T> target) {
        if (value == null) {
            throw new NullPointerException("value is null: use ForeignValue.NULL");
        }
        if (ForeignValue.class.isAssignableFrom(target)) {
            return target.cast(JavaTargets.neutral(value, target));
        }
        TypeConverter[] asked = converters;
        for (TypeConverter converter : asked) {
            Optional<T> converted = converter.toJava(value, target, this);
            if (converted != null && converted.isPresent()) {
                return converted.get();
            }
        }
        @SuppressWarnings("unchecked") // JavaTargets returns an instance of target (boxed for primitives)
        T converted = (T) JavaTargets.convert(value, target, this);
        return converted;
    }

    @Override
    public Object toJava(ForeignValue value, Type target) {
        if (value == null) {
            throw new NullPointerException("value is null: use ForeignValue.NULL");
        }
        return target instanceof Class<?> type ? toJava(value, type) : GenericTargets.convert(value, target, this);
    }

    /** The natural Java form of a list: its elements converted for {@code Object}. */
    List<Object> naturalList(ForeignValue.ListValue list) {
        Object[] elements = new Object[list.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = toJava(list.get(i), Object.class);
        }
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /** The natural Java form of a map, order kept. */
    Map<Object, Object> naturalMap(ForeignValue.MapValue map) {
        Map<Object, Object> entries = LinkedHashMap.newLinkedHashMap(map.entries().size());
        for (Map.Entry<ForeignValue, ForeignValue> entry : map.entries().entrySet()) {
            entries.put(toJava(entry.getKey(), Object.class), toJava(entry.getValue(), Object.class));
        }
        return Collections.unmodifiableMap(entries);
    }
}
