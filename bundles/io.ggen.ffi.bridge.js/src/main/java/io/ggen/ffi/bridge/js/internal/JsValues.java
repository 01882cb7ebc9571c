package io.ggen.ffi.bridge.js.internal;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Converts neutral values to JavaScript and back, in one pooled context.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>neutral</th><th>to JavaScript</th><th>from JavaScript</th></tr>
 * <tr><td>null</td><td>{@code null}</td><td>{@code null} and {@code undefined}</td></tr>
 * <tr><td>boolean, string</td><td>boolean, string</td><td>boolean, string</td></tr>
 * <tr><td>integer</td><td>a number when |v| &le; 2<sup>53</sup> (exact as a double), else a
 *     {@code BigInt} so no digit is lost (mixing it with numbers in arithmetic is a TypeError)</td>
 *     <td>any integral number or {@code BigInt} that fits 64 bits ({@code -0} stays a float)</td></tr>
 * <tr><td>big integer</td><td>{@code BigInt}</td><td>{@code BigInt} beyond 64 bits</td></tr>
 * <tr><td>float</td><td>number (NaN and infinities kept)</td><td>other numbers</td></tr>
 * <tr><td>bytes</td><td>a fresh {@code Uint8Array}</td><td>{@code ArrayBuffer}, {@code Uint8Array},
 *     {@code Int8Array}, {@code Uint8ClampedArray} (copied)</td></tr>
 * <tr><td>list</td><td>a fresh JS array</td><td>arrays and other typed arrays</td></tr>
 * <tr><td>map (string keys)</td><td>a fresh plain object</td><td>plain objects (prototype
 *     {@code Object.prototype} or {@code null}), own enumerable properties, in order</td></tr>
 * <tr><td>handle</td><td>the object of a {@link JsHandle} of the same context</td><td>anything else:
 *     functions, class instances, Dates, Promises, Maps... as a {@link JsHandle}</td></tr>
 * </table>
 *
 * <p>Arrays and objects are real JavaScript values rather than polyglot proxies, so guest code sees
 * ordinary arrays and objects ({@code push}, spreading, {@code hasOwnProperty} all behave).
 */
final class JsValues {

    /** Beyond this an integer is not exact as a JavaScript number. */
    static final long MAX_SAFE = 1L << 53;

    /** The deepest nesting converted; deeper (or cyclic) values fail instead of overflowing the stack. */
    static final int MAX_DEPTH = 200;

    private static final int CHUNK = 64;

    private JsValues() {
    }

    /**
     * The JavaScript form of a neutral value: a Java primitive, String or {@link Value} that the
     * polyglot API passes on.
     *
     * @param module the module the call is for, to recognize its handles
     * @throws ForeignArgumentException the value cannot be had in JavaScript
     */
    static Object toGuest(ForeignValue value, JsContext context, JsModule module) {
        // Kept this small so that the JIT inlines it into the call path: the general conversion is too big for that.
        if (value instanceof IntValue i && isSafe(i.value())) {
            return i.value();
        }
        return toGuest(value, context, module, 0);
    }

    private static boolean isSafe(long v) {
        return v >= -MAX_SAFE && v <= MAX_SAFE;
    }

    private static Object toGuest(ForeignValue value, JsContext context, JsModule module, int depth) {
        if (value instanceof IntValue i) {
            long v = i.value();
            return isSafe(v) ? (Object) v : context.bigInt.execute(Long.toString(v));
        }
        if (value instanceof StringValue s) {
            return s.value();
        }
        if (value instanceof FloatValue f) {
            return f.value();
        }
        if (value instanceof BoolValue b) {
            return b.value();
        }
        if (value == null || value.kind() == ForeignValue.Kind.NULL) {
            return null;
        }
        if (depth >= MAX_DEPTH) {
            throw new ForeignArgumentException(JsErrors.LANGUAGE,
                "an argument is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (value) {
            case BigIntValue b -> context.bigInt.execute(b.value().toString());
            case BytesValue b -> context.bytes.execute(new String(b.value(), StandardCharsets.ISO_8859_1));
            case ListValue l -> array(l.values(), context, module, depth + 1);
            case MapValue m -> object(m, context, module, depth + 1);
            case HandleValue h -> handleObject(h.handle(), context, module);
            default -> throw new ForeignArgumentException(JsErrors.LANGUAGE, "cannot pass " + value.kind() + " values");
        };
    }

    private static Value array(List<ForeignValue> items, JsContext context, JsModule module, int depth) {
        int size = items.size();
        Value array = null;
        int start = 0;
        do {
            int length = Math.min(CHUNK, size - start);
            Object[] call = new Object[length + 1];
            call[0] = array;
            for (int i = 0; i < length; i++) {
                call[i + 1] = toGuest(items.get(start + i), context, module, depth);
            }
            array = context.append.execute(call);
            start += length;
        } while (start < size);
        return array;
    }

    private static Value object(MapValue map, JsContext context, JsModule module, int depth) {
        Object[] call = new Object[1 + 2 * Math.min(CHUNK, map.entries().size())];
        int used = 1;
        Value object = null;
        for (Map.Entry<ForeignValue, ForeignValue> entry : map.entries().entrySet()) {
            if (!(entry.getKey() instanceof StringValue key)) {
                throw new ForeignArgumentException(JsErrors.LANGUAGE, "JavaScript object keys are strings: cannot"
                    + " pass a map with the " + entry.getKey().kind() + " key " + entry.getKey());
            }
            call[used++] = key.value();
            call[used++] = toGuest(entry.getValue(), context, module, depth);
            if (used == call.length) {
                call[0] = object;
                object = context.assign.execute(call);
                used = 1;
            }
        }
        if (object == null || used > 1) {
            Object[] rest = used == call.length ? call : Arrays.copyOf(call, used);
            rest[0] = object;
            object = context.assign.execute(rest);
        }
        return object;
    }

    private static Value handleObject(ForeignHandle handle, JsContext context, JsModule module) {
        if (!(handle instanceof JsHandle js) || js.module() != module) {
            throw new ForeignArgumentException(JsErrors.LANGUAGE, "cannot pass a " + handle.language() + " handle ("
                + handle.typeName() + ") to this JavaScript module: handles go back only to the module that made them");
        }
        if (js.context() != context) {
            throw new ForeignArgumentException(JsErrors.LANGUAGE, "a JavaScript handle (" + js.typeName()
                + ") nested in a list or map belongs to another context of the module's pool: pass it as a"
                + " direct argument, or use a pool size of 1");
        }
        return js.value();
    }

    /**
     * The neutral form of a JavaScript value; objects without one become {@link JsHandle}s.
     *
     * @throws ForeignException the value is nested too deep (or cyclic)
     */
    static ForeignValue toForeign(Value value, JsContext context, JsModule module) {
        return toForeign(value, context, module, 0);
    }

    private static ForeignValue toForeign(Value value, JsContext context, JsModule module, int depth) {
        if (value.fitsInLong()) {   // first: the fewest polyglot calls for the commonest result
            return ForeignValue.of(value.asLong());
        }
        if (value.isString()) {
            return new StringValue(value.asString());
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (value.isBoolean()) {
            return ForeignValue.of(value.asBoolean());
        }
        if (value.isNull()) {
            return ForeignValue.NULL;
        }
        if (value.hasBufferElements()) {
            return bytes(value);
        }
        if (value.isHostObject() || !(value.hasMembers() || value.hasArrayElements())) {
            return ForeignValue.handle(new JsHandle(value, context, module));
        }
        if (depth >= MAX_DEPTH) {
            throw new ForeignException(JsErrors.LANGUAGE, "UnsupportedValue",
                "the result is nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        return switch (context.kind(value)) {
            case JsContext.PLAIN_OBJECT -> map(value, context, module, depth + 1);
            case JsContext.ARRAY, JsContext.OTHER_VIEW -> list(value, context, module, depth + 1);
            case JsContext.BYTE_VIEW -> bytes(context.bufferOf.execute(value));
            default -> ForeignValue.handle(new JsHandle(value, context, module));
        };
    }

    /** A number that does not fit 64 bits: a BigInt beyond them, else a float. */
    private static ForeignValue number(Value value) {
        if (value.fitsInBigInteger() && "bigint".equals(value.getMetaObject().getMetaSimpleName())) {
            return ForeignValue.of(value.asBigInteger());
        }
        return new FloatValue(value.asDouble());
    }

    private static ForeignValue bytes(Value buffer) {
        long size = buffer.getBufferSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new ForeignException(JsErrors.LANGUAGE, "UnsupportedValue",
                "a buffer of " + size + " bytes is too large for a Java byte array");
        }
        byte[] bytes = new byte[(int) size];
        buffer.readBuffer(0, bytes, 0, bytes.length);
        return new BytesValue(bytes);
    }

    private static ForeignValue list(Value array, JsContext context, JsModule module, int depth) {
        long size = array.getArraySize();
        List<ForeignValue> items = new ArrayList<>((int) Math.min(size, 1 << 16));
        for (long i = 0; i < size; i++) {
            items.add(toForeign(array.getArrayElement(i), context, module, depth));
        }
        return new ListValue(items);
    }

    private static ForeignValue map(Value object, JsContext context, JsModule module, int depth) {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        for (String key : object.getMemberKeys()) {
            entries.put(new StringValue(key), toForeign(object.getMember(key), context, module, depth));
        }
        return new MapValue(entries);
    }
}
