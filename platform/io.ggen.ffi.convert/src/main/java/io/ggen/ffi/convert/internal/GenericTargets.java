package io.ggen.ffi.convert.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.ListValue;
import io.ggen.ffi.api.ForeignValue.MapValue;
import io.ggen.ffi.api.ForeignValue.NullValue;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The conversions of a neutral value to a generic Java type: {@code List<T>}, {@code Collection<T>},
 * {@code Iterable<T>} and {@code Set<T>} from lists, {@code Map<K, V>} from maps (keys converted to
 * {@code K}, order kept), {@code Optional<T>} from anything (null is empty), arrays of generic
 * components from lists, and generic records with their type arguments applied. Collections are
 * unmodifiable. A wildcard or type variable stands for its bound; any other parameterized type for
 * its raw class. Every element is converted to its declared type through the whole converter, so
 * {@code TypeConverter} services see the elements.
 */
final class GenericTargets {

    private GenericTargets() {
    }

    static Object convert(ForeignValue value, Type target, StandardValueConverter converter) {
        return switch (target) {
            case Class<?> type -> converter.toJava(value, type);
            case ParameterizedType parameterized -> parameterized(value, parameterized, converter);
            case GenericArrayType array -> value instanceof NullValue ? null : array(value, array, converter);
            case WildcardType wildcard -> converter.toJava(value, wildcard.getLowerBounds().length > 0
                ? wildcard.getLowerBounds()[0] : wildcard.getUpperBounds()[0]);
            case TypeVariable<?> variable -> converter.toJava(value, variable.getBounds()[0]);
            default -> throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
                "no conversion to the Java type " + target.getTypeName());
        };
    }

    private static Object parameterized(ForeignValue value, ParameterizedType target, StandardValueConverter converter) {
        Class<?> raw = (Class<?>) target.getRawType();
        Type[] arguments = target.getActualTypeArguments();
        if (raw == Optional.class) {
            return value instanceof NullValue ? Optional.empty() : Optional.ofNullable(converter.toJava(value, arguments[0]));
        }
        if (value instanceof NullValue) {
            return null;
        }
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            return Collections.unmodifiableList(Arrays.asList(elements(list(value, target), arguments[0], converter)));
        }
        if (raw == Set.class) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(elements(list(value, target),
                arguments[0], converter))));
        }
        if (raw == Map.class) {
            return map(value, target, arguments[0], arguments[1], converter);
        }
        if (value instanceof MapValue map && JavaStructures.fromMap(raw)) {
            return JavaStructures.fromMap(map, raw, applying(raw, arguments), converter);
        }
        return converter.toJava(value, raw);
    }

    private static ListValue list(ForeignValue value, Type target) {
        if (value instanceof ListValue list) {
            return list;
        }
        throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
            "cannot convert " + JavaTargets.describe(value) + " to " + target.getTypeName());
    }

    private static Object[] elements(ListValue list, Type element, StandardValueConverter converter) {
        Object[] elements = new Object[list.size()];
        for (int i = 0; i < elements.length; i++) {
            try {
                elements[i] = converter.toJava(list.get(i), element);
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("[" + i + "]", e);
            }
        }
        return elements;
    }

    private static Map<Object, Object> map(ForeignValue value, Type target, Type key, Type element,
                                           StandardValueConverter converter) {
        if (!(value instanceof MapValue map)) {
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
                "cannot convert " + JavaTargets.describe(value) + " to " + target.getTypeName());
        }
        Map<Object, Object> entries = LinkedHashMap.newLinkedHashMap(map.entries().size());
        for (Map.Entry<ForeignValue, ForeignValue> entry : map.entries().entrySet()) {
            Object javaKey;
            try {
                javaKey = converter.toJava(entry.getKey(), key);
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("[key " + entry.getKey() + "]", e);
            }
            try {
                entries.put(javaKey, converter.toJava(entry.getValue(), element));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at(LocatedArgumentException.key(javaKey), e);
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Object array(ForeignValue value, GenericArrayType target, StandardValueConverter converter) {
        ListValue list = list(value, target);
        Type component = target.getGenericComponentType();
        Object array = Array.newInstance(erasure(component), list.size());
        Object[] elements = elements(list, component, converter);
        for (int i = 0; i < elements.length; i++) {
            Array.set(array, i, elements[i]);
        }
        return array;
    }

    /** The class a type erases to. */
    static Class<?> erasure(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType a -> erasure(a.getGenericComponentType()).arrayType();
            case WildcardType w -> erasure(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> erasure(v.getBounds()[0]);
            default -> Object.class;
        };
    }

    /** Replaces the class's type variables by these arguments, in a declared type of one of its members. */
    private static UnaryOperator<Type> applying(Class<?> raw, Type[] arguments) {
        TypeVariable<?>[] variables = raw.getTypeParameters();
        return new UnaryOperator<>() {
            @Override
            public Type apply(Type type) {
                return switch (type) {
                    case TypeVariable<?> v -> {
                        for (int i = 0; i < variables.length; i++) {
                            if (variables[i].equals(v)) {
                                yield arguments[i];
                            }
                        }
                        yield v;
                    }
                    case ParameterizedType p -> new Applied((Class<?>) p.getRawType(),
                        Arrays.stream(p.getActualTypeArguments()).map(this).toArray(Type[]::new), p.getOwnerType());
                    case GenericArrayType a -> {
                        Type component = apply(a.getGenericComponentType());
                        yield component instanceof Class<?> c ? c.arrayType() : (GenericArrayType) () -> component;
                    }
                    default -> type;
                };
            }
        };
    }

    /** A parameterized type with its type arguments applied. */
    private record Applied(Class<?> raw, Type[] arguments, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType())
                && Arrays.equals(arguments, p.getActualTypeArguments()) && Objects.equals(owner, p.getOwnerType());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ raw.hashCode() ^ Objects.hashCode(owner);
        }

        @Override
        public String toString() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
                .collect(java.util.stream.Collectors.joining(", ", "<", ">"));
        }
    }
}
