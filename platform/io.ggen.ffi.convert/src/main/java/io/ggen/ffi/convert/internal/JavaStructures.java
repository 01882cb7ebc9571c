package io.ggen.ffi.convert.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.MapValue;
import io.ggen.ffi.api.ForeignValue.NullValue;
import io.ggen.ffi.api.ForeignValue.StringValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Records and Java beans as neutral maps, and back.
 *
 * <p>A record becomes a map of its components, in their order; a map becomes a record by component
 * name (extra keys are ignored, a missing one is null: an empty {@code Optional} or an error for a
 * primitive). A Java bean is a class with a public no-argument constructor, not one of the JDK's: it becomes a map of its
 * readable properties (public getters, {@code getX} or {@code isX} for a boolean), sorted by name,
 * when it has at least one; a map becomes a bean through its public setters, when it has at least
 * one, and keys without a setter are ignored. What each class has is found once.
 */
final class JavaStructures {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** What a class offers for conversion; {@code null} parts when it offers nothing that way. */
    private record Shape(RecordShape record, BeanShape bean) {
    }

    /**
     * @param constructor the canonical constructor, taking an {@code Object[]} of the components
     */
    private record RecordShape(String[] names, Type[] types, Class<?>[] classes, MethodHandle[] accessors,
                               MethodHandle constructor) {
    }

    /**
     * @param readable the properties with getters, sorted by name ({@code null} when there are none)
     * @param getters their getters, {@code (Object)Object}
     * @param setters by property name ({@code null} when there are none)
     * @param constructor the public no-argument constructor, {@code ()Object}
     */
    private record BeanShape(String[] readable, MethodHandle[] getters, Map<String, Setter> setters,
                             MethodHandle constructor) {
    }

    /** @param handle {@code (Object, Object)void} */
    private record Setter(Type type, Class<?> raw, MethodHandle handle) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    private JavaStructures() {
    }

    // ---- Java to neutral --------------------------------------------------------------------

    /** The map of a record's components or a bean's properties; {@code null} when it is neither. */
    static ForeignValue toForeign(Object value, StandardValueConverter converter) {
        Shape shape = SHAPES.get(value.getClass());
        if (shape.record() != null) {
            RecordShape record = shape.record();
            return map(value, record.names(), record.accessors(), converter);
        }
        if (shape.bean() != null && shape.bean().readable() != null) {
            return map(value, shape.bean().readable(), shape.bean().getters(), converter);
        }
        return null;
    }

    private static ForeignValue map(Object value, String[] names, MethodHandle[] getters, StandardValueConverter converter) {
        Map<ForeignValue, ForeignValue> entries = LinkedHashMap.newLinkedHashMap(names.length);
        for (int i = 0; i < names.length; i++) {
            Object part;
            try {
                part = getters[i].invokeExact(value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);   // getters declare no checked exceptions we call
            }
            try {
                entries.put(new StringValue(names[i]), converter.toForeign(part));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("." + names[i], e);
            }
        }
        return new MapValue(entries);
    }

    // ---- neutral to Java --------------------------------------------------------------------

    /** Whether a map converts to this class as a record or a bean. */
    static boolean fromMap(Class<?> target) {
        Shape shape = SHAPES.get(target);
        return shape.record() != null || (shape.bean() != null && shape.bean().setters() != null);
    }

    /**
     * The map as a record or bean of the target class (see {@link #fromMap}).
     *
     * @param resolve the declared type of a component or property as this use of the class has it
     *     (a generic record's type variables replaced by the type's arguments)
     */
    static Object fromMap(MapValue map, Class<?> target, UnaryOperator<Type> resolve, StandardValueConverter converter) {
        Shape shape = SHAPES.get(target);
        if (shape.record() != null) {
            return record(map, target, shape.record(), resolve, converter);
        }
        return bean(map, target, shape.bean(), resolve, converter);
    }

    private static Object record(MapValue map, Class<?> target, RecordShape shape, UnaryOperator<Type> resolve,
                                 StandardValueConverter converter) {
        Object[] components = new Object[shape.names().length];
        for (int i = 0; i < components.length; i++) {
            String name = shape.names()[i];
            ForeignValue part = map.get(name);
            if (part == null) {
                if (shape.classes()[i].isPrimitive()) {
                    throw LocatedArgumentException.at("." + name, new ForeignArgumentException(
                        StandardValueConverter.LANGUAGE, "missing: the map has no \"" + name + "\" for the "
                        + shape.classes()[i].getName() + " component of " + target.getName()));
                }
                part = ForeignValue.NULL;
            }
            try {
                components[i] = converter.toJava(part, resolve.apply(shape.types()[i]));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("." + name, e);
            }
        }
        try {
            return shape.constructor().invokeExact(components);
        } catch (RuntimeException | Error e) {
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, target.getName()
                + " refused the components " + Arrays.toString(components) + ": " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, "cannot make a " + target.getName()
                + ": " + e, e);
        }
    }

    private static Object bean(MapValue map, Class<?> target, BeanShape shape, UnaryOperator<Type> resolve,
                               StandardValueConverter converter) {
        Object bean;
        try {
            bean = shape.constructor().invokeExact();
        } catch (Throwable e) {
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, "cannot make a " + target.getName()
                + ": " + e, e);
        }
        for (Map.Entry<ForeignValue, ForeignValue> entry : map.entries().entrySet()) {
            if (!(entry.getKey() instanceof StringValue key)) {
                continue;
            }
            Setter setter = shape.setters().get(key.value());
            if (setter == null || (setter.raw().isPrimitive() && entry.getValue() instanceof NullValue)) {
                continue;   // no such property, or null for a primitive: the bean keeps its default
            }
            Object part;
            try {
                part = converter.toJava(entry.getValue(), resolve.apply(setter.type()));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("." + key.value(), e);
            }
            try {
                setter.handle().invokeExact(bean, part);
            } catch (Throwable e) {
                throw LocatedArgumentException.at("." + key.value(), new ForeignArgumentException(
                    StandardValueConverter.LANGUAGE, "the setter of " + target.getName() + " refused " + part + ": " + e, e));
            }
        }
        return bean;
    }

    // ---- finding the shape ------------------------------------------------------------------

    private static Shape shape(Class<?> type) {
        try {
            if (type.isRecord()) {
                return new Shape(recordShape(type), null);
            }
            if (type.isInterface() || type.isArray() || type.isPrimitive() || type.isEnum()
                    || Modifier.isAbstract(type.getModifiers()) || isPlatformClass(type)) {
                return new Shape(null, null);
            }
            return new Shape(null, beanShape(type));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not open to this bundle (a named module that keeps its package closed): no structure
            return new Shape(null, null);
        }
    }

    private static RecordShape recordShape(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        String[] names = new String[components.length];
        Type[] types = new Type[components.length];
        Class<?>[] classes = new Class<?>[components.length];
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            types[i] = components[i].getGenericType();
            classes[i] = components[i].getType();
            accessors[i] = LOOKUP.unreflect(open(components[i].getAccessor()))
                .asType(MethodType.methodType(Object.class, Object.class));
        }
        Constructor<?> canonical = open(type.getDeclaredConstructor(classes));
        MethodHandle constructor = LOOKUP.unreflectConstructor(canonical);
        constructor = constructor.asType(constructor.type().generic()).asSpreader(Object[].class, classes.length);
        return new RecordShape(names, types, classes, accessors, constructor);
    }

    private static BeanShape beanShape(Class<?> type) throws ReflectiveOperationException {
        Constructor<?> noArguments;
        try {
            noArguments = type.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;   // not a bean
        }
        Map<String, MethodHandle> getters = new HashMap<>();
        Map<String, Setter> setters = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            int parameters = method.getParameterCount();
            String property = null;
            if (parameters == 0 && name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
                property = decapitalize(name.substring(3));
            } else if (parameters == 0 && name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
                property = decapitalize(name.substring(2));
            }
            if (property != null) {
                getters.put(property, LOOKUP.unreflect(open(method)).asType(MethodType.methodType(Object.class, Object.class)));
            } else if (parameters == 1 && name.startsWith("set") && name.length() > 3 && method.getReturnType() == void.class) {
                setters.put(decapitalize(name.substring(3)), new Setter(method.getGenericParameterTypes()[0],
                    method.getParameterTypes()[0], LOOKUP.unreflect(open(method))
                        .asType(MethodType.methodType(void.class, Object.class, Object.class))));
            }
        }
        if (getters.isEmpty() && setters.isEmpty()) {
            return null;
        }
        String[] readable = getters.keySet().stream().sorted(Comparator.naturalOrder()).toArray(String[]::new);
        MethodHandle[] readers = Arrays.stream(readable).map(getters::get).toArray(MethodHandle[]::new);
        MethodHandle constructor = LOOKUP.unreflectConstructor(open(noArguments)).asType(MethodType.methodType(Object.class));
        return new BeanShape(readable.length == 0 ? null : readable, readers, setters.isEmpty() ? null : Map.copyOf(setters),
            constructor);
    }

    /** A class of the JDK (a {@code Thread} is no bean): loaded by the boot or the platform class loader. */
    private static boolean isPlatformClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Made accessible where the class's package is open to this bundle (every bundle's is); else as it is. */
    private static <A extends AccessibleObject> A open(A member) {
        member.trySetAccessible();
        return member;
    }

    /** {@code Name} to {@code name}, {@code URL} stays {@code URL} (the JavaBeans rule). */
    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
