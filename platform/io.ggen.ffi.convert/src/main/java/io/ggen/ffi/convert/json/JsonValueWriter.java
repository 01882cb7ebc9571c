package io.ggen.ffi.convert.json;

import com.google.gson.stream.JsonWriter;
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
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/** Writes one neutral value to a {@link JsonWriter} in the form {@link ForeignJson} documents. */
final class JsonValueWriter {

    /** The largest integer a JSON reader that uses doubles (JavaScript) tells apart from its neighbours. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final JsonWriter out;
    private final Function<? super ForeignHandle, String> handleIds;
    private final boolean plainIntegers;

    /** @param plainIntegers whether every integer is a plain number (for people), not only the safe ones */
    JsonValueWriter(JsonWriter out, Function<? super ForeignHandle, String> handleIds, boolean plainIntegers) {
        this.out = out;
        this.handleIds = handleIds;
        this.plainIntegers = plainIntegers;
    }

    void write(ForeignValue value) throws IOException {
        switch (value) {
            case NullValue n -> out.nullValue();
            case BoolValue b -> out.value(b.value());
            case IntValue i -> {
                long integer = i.value();
                if (plainIntegers || integer >= -MAX_SAFE_INTEGER && integer <= MAX_SAFE_INTEGER) {
                    out.value(integer);
                } else {
                    tagged(ForeignJson.BIGINT, Long.toString(integer));
                }
            }
            case BigIntValue b -> {
                if (plainIntegers) {
                    out.value(b.value());
                } else {
                    tagged(ForeignJson.BIGINT, b.value().toString());
                }
            }
            case FloatValue f -> {
                double d = f.value();
                if (Double.isFinite(d)) {
                    out.value(d); // Double.toString: always a '.' or an exponent, so it reads back as a float
                } else {
                    tagged(ForeignJson.FLOAT, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
            }
            case StringValue s -> string(s.value());
            case BytesValue b -> tagged(ForeignJson.BYTES, Base64.getEncoder().encodeToString(b.value()));
            case ListValue l -> {
                out.beginArray();
                for (ForeignValue element : l.values()) {
                    write(element);
                }
                out.endArray();
            }
            case MapValue m -> map(m.entries());
            case HandleValue h -> {
                String id = handleIds.apply(h.handle());
                if (id == null) {
                    throw new ForeignArgumentException(ForeignJson.LANGUAGE,
                        "the handle id function gave no id for " + h.handle());
                }
                out.beginObject();
                out.name(ForeignJson.HANDLE);
                string(id);
                out.endObject();
            }
        }
    }

    private void tagged(String tag, String asciiText) throws IOException {
        out.beginObject();
        out.name(tag);
        out.value(asciiText);
        out.endObject();
    }

    private void map(Map<ForeignValue, ForeignValue> entries) throws IOException {
        out.beginObject();
        if (isPlainObject(entries)) {
            for (Map.Entry<ForeignValue, ForeignValue> entry : entries.entrySet()) {
                out.name(((StringValue) entry.getKey()).value());
                write(entry.getValue());
            }
        } else {
            out.name(ForeignJson.MAP);
            out.beginArray();
            for (Map.Entry<ForeignValue, ForeignValue> entry : entries.entrySet()) {
                out.beginArray();
                write(entry.getKey());
                write(entry.getValue());
                out.endArray();
            }
            out.endArray();
        }
        out.endObject();
    }

    /**
     * Whether a map can be written as a JSON object: all keys are strings, none holds a lone
     * surrogate (names cannot be escaped by hand), and it is not a single {@code $}-key, which a
     * reader would take for a tagged value.
     */
    private static boolean isPlainObject(Map<ForeignValue, ForeignValue> entries) {
        for (ForeignValue key : entries.keySet()) {
            if (!(key instanceof StringValue s) || hasLoneSurrogate(s.value())) {
                return false;
            }
            if (entries.size() == 1 && s.value().startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    /** Writes a string; lone surrogates are escaped ({@code \ud800}) so the text stays valid Unicode. */
    private void string(String s) throws IOException {
        if (hasLoneSurrogate(s)) {
            out.jsonValue(quote(s, out.isHtmlSafe()));
        } else {
            out.value(s);
        }
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /** A JSON string literal that escapes what {@link JsonWriter} escapes, plus lone surrogates. */
    static String quote(String s, boolean htmlSafe) {
        StringBuilder quoted = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case '\u2028', '\u2029' -> unicodeEscape(quoted, c);
                case '<', '>', '&', '=', '\'' -> {
                    if (htmlSafe) {
                        unicodeEscape(quoted, c);
                    } else {
                        quoted.append(c);
                    }
                }
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(quoted, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        quoted.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(quoted, c);
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
