package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
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
import io.ggen.ffi.api.ForeignValue.StringValue;
import io.ggen.ffi.polyglot.PolyglotValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Converts neutral values to Python and back, in one pooled context.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>neutral</th><th>to Python</th><th>from Python</th></tr>
 * <tr><td>null</td><td>{@code None}</td><td>{@code None}</td></tr>
 * <tr><td>boolean, string</td><td>{@code bool}, {@code str}</td><td>{@code bool}, {@code str}</td></tr>
 * <tr><td>integer, big integer</td><td>{@code int} (any size)</td><td>{@code int}: a {@code long} when it
 *     fits 64 bits, else a {@code BigInteger}</td></tr>
 * <tr><td>float</td><td>{@code float}</td><td>{@code float} (also {@code 2.0}: it stays a float)</td></tr>
 * <tr><td>bytes</td><td>{@code bytes}</td><td>{@code bytes}, {@code bytearray} (copied)</td></tr>
 * <tr><td>list</td><td>a fresh {@code list}</td><td>{@code list}, {@code tuple}</td></tr>
 * <tr><td>map</td><td>a fresh {@code dict} (any hashable keys)</td><td>{@code dict}, in order</td></tr>
 * <tr><td>handle</td><td>the object of a {@link PyHandle} of the same context</td><td>anything else:
 *     instances, functions, sets, generators... as a {@link PyHandle}</td></tr>
 * </table>
 */
final class PyValues {

    /** The deepest nesting converted; deeper (or cyclic) values fail instead of overflowing the stack. */
    static final int MAX_DEPTH = 200;

    private PyValues() {
    }

    /**
     * The Python form of a neutral value: a Java primitive, String or {@link Value} that the
     * polyglot API passes on.
     *
     * @param module the module the call is for, to recognize its handles
     * @throws ForeignArgumentException the value cannot be had in Python
     */
    static Object toGuest(ForeignValue value, PyContext context, PyModule module) {
        // Kept this small so that the JIT inlines it into the call path: the general conversion is too big for that.
        if (value instanceof IntValue i) {
            return i.value();
        }
        return toGuest(value, context, module, 0);
    }

    private static Object toGuest(ForeignValue value, PyContext context, PyModule module, int depth) {
        if (value instanceof StringValue s) {
            return s.value();
        }
        if (value instanceof IntValue i) {
            return i.value();
        }
        if (value instanceof FloatValue f) {
            return f.value();
        }
        if (value instanceof BoolValue b) {
            return b.value();
        }
        if (value == null || value.kind() == ForeignValue.Kind.NULL) {
            return context.none;
        }
        if (depth >= MAX_DEPTH) {
            throw new ForeignArgumentException(PyErrors.LANGUAGE,
                "an argument is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (value) {
            case BigIntValue b -> context.big.execute(b.value().toString());
            case BytesValue b -> context.toBytes.execute(new String(b.value(), StandardCharsets.ISO_8859_1));
            case ListValue l -> list(l.values(), context, module, depth + 1);
            case MapValue m -> dict(m, context, module, depth + 1);
            case HandleValue h -> handleObject(h.handle(), context, module);
            default -> throw new ForeignArgumentException(PyErrors.LANGUAGE, "cannot pass " + value.kind() + " values");
        };
    }

    private static Value list(List<ForeignValue> items, PyContext context, PyModule module, int depth) {
        Object[] guest = new Object[items.size()];
        for (int i = 0; i < guest.length; i++) {
            guest[i] = toGuest(items.get(i), context, module, depth);
        }
        return context.makeList.execute(guest);
    }

    private static Value dict(MapValue map, PyContext context, PyModule module, int depth) {
        Object[] guest = new Object[2 * map.entries().size()];
        int i = 0;
        for (Map.Entry<ForeignValue, ForeignValue> entry : map.entries().entrySet()) {
            guest[i++] = toGuest(entry.getKey(), context, module, depth);
            guest[i++] = toGuest(entry.getValue(), context, module, depth);
        }
        return context.makeDict.execute(guest);
    }

    private static Value handleObject(ForeignHandle handle, PyContext context, PyModule module) {
        if (!(handle instanceof PyHandle py) || py.module() != module) {
            throw new ForeignArgumentException(PyErrors.LANGUAGE, "cannot pass a " + handle.language() + " handle ("
                + handle.typeName() + ") to this Python module: handles go back only to the module that made them");
        }
        if (py.context() != context) {
            throw new ForeignArgumentException(PyErrors.LANGUAGE, "a Python handle (" + py.typeName()
                + ") nested in a list or dict belongs to another context of the module's pool: pass it as a"
                + " direct argument, or use a pool size of 1");
        }
        return py.value();
    }

    /**
     * The neutral form of a Python value; objects without one become {@link PyHandle}s.
     *
     * @throws ForeignException the value is nested too deep (or cyclic)
     */
    static ForeignValue toForeign(Value value, PyContext context, PyModule module) {
        return toForeign(value, context, module, 0);
    }

    /**
     * The neutral form of what {@link PyContext#call} returned: an integral float is boxed, so a bare
     * number is an {@code int} when it is integral and needs no {@link PyContext#kind} call.
     */
    static ForeignValue resultToForeign(Value value, PyContext context, PyModule module) {
        if (value.fitsInLong()) {   // first: the fewest polyglot calls for the commonest result (bool is an int too)
            return value.isBoolean() ? ForeignValue.of(value.asBoolean()) : ForeignValue.of(value.asLong());
        }
        if (value.isString()) {
            return new StringValue(value.asString());
        }
        if (value.isNumber() && !value.isBoolean()) {
            return value.fitsInBigInteger() ? ForeignValue.of(value.asBigInteger()) : new FloatValue(value.asDouble());
        }
        return toForeign(value, context, module, 0);
    }

    private static ForeignValue toForeign(Value value, PyContext context, PyModule module, int depth) {
        if (value.isString()) {
            return new StringValue(value.asString());
        }
        if (value.isBoolean()) {
            return ForeignValue.of(value.asBoolean());
        }
        if (value.isNull()) {
            return ForeignValue.NULL;
        }
        if (value.isHostObject()) {
            return ForeignValue.handle(new PyHandle(value, context, module));
        }
        int kind = context.kind(value);
        if (kind == PyContext.INT) {
            return PolyglotValues.integer(value);
        }
        if (kind == PyContext.FLOAT) {
            return new FloatValue(value.asDouble());
        }
        if (kind == PyContext.BYTES) {
            return PolyglotValues.bytes(PyErrors.GUEST, value);
        }
        if (kind == PyContext.FLOAT_BOX) {
            return new FloatValue(value.getMember("v").asDouble());
        }
        if (kind == PyContext.OTHER) {
            return ForeignValue.handle(new PyHandle(value, context, module));
        }
        if (depth >= MAX_DEPTH) {
            throw new ForeignException(PyErrors.LANGUAGE, "UnsupportedValue",
                "the result is nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        return kind == PyContext.LIST ? list(value, context, module, depth + 1) : dict(value, context, module, depth + 1);
    }

    private static ForeignValue list(Value sequence, PyContext context, PyModule module, int depth) {
        long size = sequence.getArraySize();
        List<ForeignValue> items = new ArrayList<>((int) Math.min(size, 1 << 16));
        for (long i = 0; i < size; i++) {
            items.add(toForeign(sequence.getArrayElement(i), context, module, depth));
        }
        return new ListValue(items);
    }

    private static ForeignValue dict(Value dict, PyContext context, PyModule module, int depth) {
        Value flat = context.items.execute(dict);
        long size = flat.getArraySize();
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        for (long i = 0; i + 1 < size; i += 2) {
            entries.put(toForeign(flat.getArrayElement(i), context, module, depth),
                toForeign(flat.getArrayElement(i + 1), context, module, depth));
        }
        return new MapValue(entries);
    }
}
