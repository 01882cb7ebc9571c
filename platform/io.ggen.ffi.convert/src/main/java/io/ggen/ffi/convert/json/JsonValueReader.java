package io.ggen.ffi.convert.json;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.ListValue;
import io.ggen.ffi.api.ForeignValue.StringValue;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads one neutral value from a {@link JsonReader} in the form {@link ForeignJson} documents. */
final class JsonValueReader {

    private final JsonReader in;
    /** Resolves {@code $handle} ids; {@code null} rejects them. */
    private final Function<String, ? extends ForeignHandle> handles;

    JsonValueReader(JsonReader in, Function<String, ? extends ForeignHandle> handles) {
        this.in = in;
        this.handles = handles;
    }

    ForeignValue read() throws IOException {
        JsonToken token = in.peek();
        return switch (token) {
            case NULL -> {
                in.nextNull();
                yield ForeignValue.NULL;
            }
            case BOOLEAN -> ForeignValue.of(in.nextBoolean());
            case STRING -> new StringValue(in.nextString());
            case NUMBER -> number(in.nextString());
            case BEGIN_ARRAY -> list();
            case BEGIN_OBJECT -> object();
            default -> throw error("expected a value but found " + token);
        };
    }

    private ForeignValue list() throws IOException {
        List<ForeignValue> values = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            values.add(read());
        }
        in.endArray();
        return new ListValue(values);
    }

    private ForeignValue object() throws IOException {
        in.beginObject();
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        if (in.hasNext()) {
            String first = in.nextName();
            ForeignValue firstValue = read();
            if (!in.hasNext() && ForeignJson.isTag(first)) {
                ForeignValue tagged = tagged(first, firstValue); // before endObject: the path names the tag
                in.endObject();
                return tagged;
            }
            entries.put(new StringValue(first), firstValue);
            while (in.hasNext()) {
                entries.put(new StringValue(in.nextName()), read()); // a repeated name: the last one wins
            }
        }
        in.endObject();
        return new ForeignValue.MapValue(entries);
    }

    private ForeignValue tagged(String tag, ForeignValue value) {
        return switch (tag) {
            case ForeignJson.BIGINT -> {
                if (value instanceof StringValue s && isInteger(s.value())) {
                    yield ForeignValue.of(new BigInteger(s.value()));
                }
                throw error("expected a string of decimal digits for " + tag + " but found " + found(value));
            }
            case ForeignJson.FLOAT -> {
                String text = value instanceof StringValue s ? s.value() : "";
                if (text.equals("NaN")) {
                    yield ForeignValue.of(Double.NaN);
                } else if (text.equals("Infinity")) {
                    yield ForeignValue.of(Double.POSITIVE_INFINITY);
                } else if (text.equals("-Infinity")) {
                    yield ForeignValue.of(Double.NEGATIVE_INFINITY);
                }
                throw error("expected \"NaN\", \"Infinity\" or \"-Infinity\" for " + tag + " but found " + found(value));
            }
            case ForeignJson.BYTES -> {
                if (value instanceof StringValue s) {
                    try {
                        yield ForeignValue.of(Base64.getDecoder().decode(s.value()));
                    } catch (IllegalArgumentException e) {
                        throw error("expected base64 for " + tag + " but found " + found(value) + " (" + e.getMessage() + ")");
                    }
                }
                throw error("expected a base64 string for " + tag + " but found " + found(value));
            }
            case ForeignJson.MAP -> {
                if (value instanceof ListValue pairs) {
                    Map<ForeignValue, ForeignValue> entries = LinkedHashMap.newLinkedHashMap(pairs.size());
                    for (ForeignValue pair : pairs.values()) {
                        if (!(pair instanceof ListValue kv) || kv.size() != 2) {
                            throw error("expected [key, value] pairs in " + tag + " but found " + found(pair));
                        }
                        entries.put(kv.get(0), kv.get(1));
                    }
                    yield new ForeignValue.MapValue(entries);
                }
                throw error("expected a list of [key, value] pairs for " + tag + " but found " + found(value));
            }
            case ForeignJson.HANDLE -> {
                if (!(value instanceof StringValue id)) {
                    throw error("expected a string id for " + tag + " but found " + found(value));
                }
                if (handles == null) {
                    throw error("found the handle \"" + id.value() + "\" but no handle resolver was given:"
                        + " parse with ForeignJson.parse(json, handles)");
                }
                ForeignHandle handle = handles.apply(id.value());
                if (handle == null) {
                    throw error("unknown handle id \"" + id.value() + "\"");
                }
                yield ForeignValue.handle(handle);
            }
            default -> throw new AssertionError("not a tag: " + tag); // callers check isTag first
        };
    }

    /** A JSON number: with a fraction or an exponent a float, otherwise an integer of any size. */
    private ForeignValue number(String text) {
        try {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') {
                    return ForeignValue.of(Double.parseDouble(text)); // beyond double range: ±Infinity
                }
            }
            return text.length() <= 18 ? ForeignValue.of(Long.parseLong(text)) : ForeignValue.of(new BigInteger(text));
        } catch (NumberFormatException e) {
            throw error("expected a number but found " + text);
        }
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String found(ForeignValue value) {
        String text = value instanceof StringValue s ? "\"" + s.value() + "\"" : value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private ForeignArgumentException error(String message) {
        return new ForeignArgumentException(ForeignJson.LANGUAGE, message + " " + ForeignJson.location(in));
    }
}
