package io.ggen.ffi.convert.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.BigIntValue;
import io.ggen.ffi.api.ForeignValue.BoolValue;
import io.ggen.ffi.api.ForeignValue.BytesValue;
import io.ggen.ffi.api.ForeignValue.FloatValue;
import io.ggen.ffi.api.ForeignValue.HandleValue;
import io.ggen.ffi.api.ForeignValue.IntValue;
import io.ggen.ffi.api.ForeignValue.ListValue;
import io.ggen.ffi.api.ForeignValue.MapValue;
import io.ggen.ffi.api.ForeignValue.NullValue;
import io.ggen.ffi.api.ForeignValue.StringValue;
import io.ggen.ffi.api.spi.TypeConverter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in conversions of a neutral value to a Java target type.
 *
 * <table>
 *   <caption>Targets and the values they accept</caption>
 *   <tr><th>Target</th><th>Accepts</th></tr>
 *   <tr><td>{@code Object}</td><td>anything: the natural form (null, Boolean, Long, BigInteger,
 *       Double, String, byte[], unmodifiable List and ordered Map of natural forms, ForeignHandle)</td></tr>
 *   <tr><td>{@code boolean}, {@code Boolean}</td><td>booleans</td></tr>
 *   <tr><td>{@code byte}, {@code short}, {@code int}, {@code long} and their boxes</td><td>integers in
 *       range; floats that are integral and in range</td></tr>
 *   <tr><td>{@code BigInteger}</td><td>integers; integral floats</td></tr>
 *   <tr><td>{@code double}, {@code float} and boxes</td><td>floats, integers (rounded to nearest);
 *       a finite value that overflows the target is out of range</td></tr>
 *   <tr><td>{@code Number}</td><td>integers and floats, in their natural form</td></tr>
 *   <tr><td>{@code String}, {@code CharSequence}</td><td>strings</td></tr>
 *   <tr><td>{@code char}, {@code Character}</td><td>strings of one UTF-16 unit</td></tr>
 *   <tr><td>{@code byte[]}, {@code ByteBuffer}</td><td>bytes (and for {@code byte[]}, lists of
 *       integers in byte range)</td></tr>
 *   <tr><td>{@code List}, {@code Collection}, {@code Iterable}</td><td>lists</td></tr>
 *   <tr><td>{@code Map}</td><td>maps</td></tr>
 *   <tr><td>{@code Optional}</td><td>anything; null is empty</td></tr>
 *   <tr><td>{@code ForeignHandle}</td><td>handles</td></tr>
 *   <tr><td>an enum</td><td>the name of one of its constants</td></tr>
 *   <tr><td>an array</td><td>lists, each element converted to the component type</td></tr>
 *   <tr><td>a record, a Java bean with setters</td><td>maps, by component or property name (see
 *       {@link JavaStructures})</td></tr>
 *   <tr><td>any other type</td><td>values whose natural form is an instance of it</td></tr>
 * </table>
 *
 * <p>Null converts to {@code null} for every reference target, to an empty {@code Optional}, and
 * to nothing for a primitive target.
 */
final class JavaTargets {

    private enum Target {
        OBJECT, BOOLEAN, BYTE, SHORT, INT, LONG, BIG_INTEGER, FLOAT, DOUBLE, NUMBER, STRING, CHAR,
        BYTES, BYTE_BUFFER, LIST, MAP, OPTIONAL, HANDLE
    }

    private static final Map<Class<?>, Target> TARGETS = Map.ofEntries(
        Map.entry(Object.class, Target.OBJECT),
        Map.entry(boolean.class, Target.BOOLEAN), Map.entry(Boolean.class, Target.BOOLEAN),
        Map.entry(byte.class, Target.BYTE), Map.entry(Byte.class, Target.BYTE),
        Map.entry(short.class, Target.SHORT), Map.entry(Short.class, Target.SHORT),
        Map.entry(int.class, Target.INT), Map.entry(Integer.class, Target.INT),
        Map.entry(long.class, Target.LONG), Map.entry(Long.class, Target.LONG),
        Map.entry(BigInteger.class, Target.BIG_INTEGER),
        Map.entry(float.class, Target.FLOAT), Map.entry(Float.class, Target.FLOAT),
        Map.entry(double.class, Target.DOUBLE), Map.entry(Double.class, Target.DOUBLE),
        Map.entry(Number.class, Target.NUMBER),
        Map.entry(String.class, Target.STRING), Map.entry(CharSequence.class, Target.STRING),
        Map.entry(char.class, Target.CHAR), Map.entry(Character.class, Target.CHAR),
        Map.entry(byte[].class, Target.BYTES), Map.entry(ByteBuffer.class, Target.BYTE_BUFFER),
        Map.entry(List.class, Target.LIST), Map.entry(Collection.class, Target.LIST),
        Map.entry(Iterable.class, Target.LIST),
        Map.entry(Map.class, Target.MAP),
        Map.entry(Optional.class, Target.OPTIONAL),
        Map.entry(ForeignHandle.class, Target.HANDLE));

    private static final double TWO_TO_63 = 0x1p63;

    private JavaTargets() {
    }

    /** {@code value} as {@code target}, boxed when the target is primitive. */
    static Object convert(ForeignValue value, Class<?> target, StandardValueConverter converter) {
        Target kind = TARGETS.get(target);
        if (value instanceof NullValue) {
            if (target.isPrimitive()) {
                throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
                    "null does not fit " + target.getTypeName() + ": use " + boxOf(target) + " or Optional");
            }
            return kind == Target.OPTIONAL ? Optional.empty() : null;
        }
        if (kind == null) {
            return other(value, target, converter);
        }
        return switch (kind) {
            case OBJECT -> natural(value, converter);
            case BOOLEAN -> value instanceof BoolValue b ? b.value() : mismatch(value, target);
            case BYTE -> (byte) integral(value, target, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> (short) integral(value, target, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) integral(value, target, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> integral(value, target, Long.MIN_VALUE, Long.MAX_VALUE);
            case BIG_INTEGER -> bigInteger(value, target);
            case DOUBLE -> floating(value, target);
            case FLOAT -> toFloat(value, target);
            case NUMBER -> switch (value) {
                case IntValue i -> i.value();
                case BigIntValue b -> b.value();
                case FloatValue f -> f.value();
                default -> mismatch(value, target);
            };
            case STRING -> value instanceof StringValue s ? s.value() : mismatch(value, target);
            case CHAR -> toChar(value, target);
            case BYTES -> switch (value) {
                case BytesValue b -> b.value();
                case ListValue l -> array(l, target, converter);
                default -> mismatch(value, target);
            };
            case BYTE_BUFFER -> value instanceof BytesValue b ? ByteBuffer.wrap(b.value()) : mismatch(value, target);
            case LIST -> value instanceof ListValue l ? converter.naturalList(l) : mismatch(value, target);
            case MAP -> value instanceof MapValue m ? converter.naturalMap(m) : mismatch(value, target);
            case OPTIONAL -> Optional.ofNullable(converter.toJava(value, Object.class));
            case HANDLE -> value instanceof HandleValue h ? h.handle() : mismatch(value, target);
        };
    }

    /** A {@link ForeignValue} target: the value itself, when it is of that kind. */
    static ForeignValue neutral(ForeignValue value, Class<?> target) {
        return target.isInstance(value) ? value : (ForeignValue) mismatch(value, target);
    }

    /** The natural Java form; see the table on this class. */
    static Object natural(ForeignValue value, StandardValueConverter converter) {
        return switch (value) {
            case NullValue n -> null;
            case BoolValue b -> b.value();
            case IntValue i -> i.value();
            case BigIntValue b -> b.value();
            case FloatValue f -> f.value();
            case StringValue s -> s.value();
            case BytesValue b -> b.value();
            case ListValue l -> converter.naturalList(l);
            case MapValue m -> converter.naturalMap(m);
            case HandleValue h -> h.handle();
        };
    }

    private static Object other(ForeignValue value, Class<?> target, StandardValueConverter converter) {
        if (target.isEnum()) {
            return enumConstant(value, target);
        }
        if (target.isArray()) {
            return value instanceof ListValue l ? array(l, target, converter) : mismatch(value, target);
        }
        if (value instanceof MapValue map && JavaStructures.fromMap(target)) {
            return JavaStructures.fromMap(map, target, type -> type, converter);
        }
        Object natural = natural(value, converter);
        if (target.isInstance(natural)) {
            return natural;
        }
        throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, "no conversion of "
            + describe(value) + " to Java type " + target.getTypeName() + ": register an "
            + TypeConverter.class.getName() + " service for it");
    }

    private static long integral(ForeignValue value, Class<?> target, long min, long max) {
        long integer = switch (value) {
            case IntValue i -> i.value();
            case BigIntValue b -> throw outOfRange(value, target, min, max);
            case FloatValue f -> {
                double d = f.value();
                if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
                    throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
                        describe(value) + " does not fit " + target.getTypeName() + ": it is not an integer");
                }
                if (d < -TWO_TO_63 || d >= TWO_TO_63) {
                    throw outOfRange(value, target, min, max);
                }
                yield (long) d;
            }
            default -> (Long) mismatch(value, target);
        };
        if (integer < min || integer > max) {
            throw outOfRange(value, target, min, max);
        }
        return integer;
    }

    private static BigInteger bigInteger(ForeignValue value, Class<?> target) {
        return switch (value) {
            case IntValue i -> BigInteger.valueOf(i.value());
            case BigIntValue b -> b.value();
            case FloatValue f -> {
                double d = f.value();
                if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
                    throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
                        describe(value) + " does not fit " + target.getTypeName() + ": it is not an integer");
                }
                yield new BigDecimal(d).toBigIntegerExact();
            }
            default -> (BigInteger) mismatch(value, target);
        };
    }

    private static double floating(ForeignValue value, Class<?> target) {
        return switch (value) {
            case FloatValue f -> f.value();
            case IntValue i -> (double) i.value();
            case BigIntValue b -> {
                double d = b.value().doubleValue();
                if (Double.isInfinite(d)) {
                    throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, describe(value)
                        + " does not fit " + target.getTypeName() + " (magnitude at most " + Double.MAX_VALUE + ")");
                }
                yield d;
            }
            default -> (Double) mismatch(value, target);
        };
    }

    private static float toFloat(ForeignValue value, Class<?> target) {
        double d = floating(value, target);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, describe(value)
                + " does not fit " + target.getTypeName() + " (magnitude at most " + Float.MAX_VALUE + ")");
        }
        return f;
    }

    private static char toChar(ForeignValue value, Class<?> target) {
        if (value instanceof StringValue s) {
            if (s.value().length() == 1) {
                return s.value().charAt(0);
            }
            throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, describe(value)
                + " does not fit " + target.getTypeName() + ": it must be exactly one UTF-16 unit long");
        }
        return (Character) mismatch(value, target);
    }

    private static Object array(ListValue list, Class<?> target, StandardValueConverter converter) {
        Class<?> component = target.getComponentType();
        Object array = Array.newInstance(component, list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                Array.set(array, i, converter.toJava(list.get(i), component));
            } catch (ForeignArgumentException e) {
                throw LocatedArgumentException.at("[" + i + "]", e);
            }
        }
        return array;
    }

    private static Object enumConstant(ForeignValue value, Class<?> target) {
        if (!(value instanceof StringValue s)) {
            return mismatch(value, target);
        }
        Object[] constants = target.getEnumConstants();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equals(s.value())) {
                return constant;
            }
        }
        throw new ForeignArgumentException(StandardValueConverter.LANGUAGE, describe(value)
            + " names no constant of " + target.getTypeName() + " (one of "
            + Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")) + ")");
    }

    private static String boxOf(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
        };
    }

    private static ForeignArgumentException outOfRange(ForeignValue value, Class<?> target, long min, long max) {
        return new ForeignArgumentException(StandardValueConverter.LANGUAGE, describe(value)
            + " does not fit " + target.getTypeName() + " (range " + min + ".." + max + ")");
    }

    private static Object mismatch(ForeignValue value, Class<?> target) {
        throw new ForeignArgumentException(StandardValueConverter.LANGUAGE,
            "cannot convert " + describe(value) + " to " + target.getTypeName());
    }

    /** A short description of a value for messages: its kind and, for scalars, the value. */
    static String describe(ForeignValue value) {
        return switch (value) {
            case NullValue n -> "null";
            case BoolValue b -> "the boolean " + b.value();
            case IntValue i -> "the integer " + i.value();
            case BigIntValue b -> "the integer " + abbreviate(b.value().toString());
            case FloatValue f -> "the float " + f.value();
            case StringValue s -> "the string \"" + abbreviate(s.value()) + "\"";
            case BytesValue b -> b.length() + " bytes";
            case ListValue l -> "a list of " + l.size() + " values";
            case MapValue m -> "a map of " + m.entries().size() + " entries";
            case HandleValue h -> "a " + h.handle().language() + " handle (" + h.handle().typeName() + ")";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
