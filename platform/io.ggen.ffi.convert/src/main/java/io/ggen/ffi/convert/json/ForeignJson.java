package io.ggen.ffi.convert.json;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The platform's JSON form of neutral values: what the CLI prints and reads, and what the RPC
 * protocol carries.
 *
 * <table>
 *   <caption>Neutral values in JSON</caption>
 *   <tr><th>Value</th><th>JSON</th></tr>
 *   <tr><td>null, booleans, strings</td><td>as themselves</td></tr>
 *   <tr><td>integers from -(2<sup>53</sup>-1) to 2<sup>53</sup>-1</td><td>numbers: {@code 42}</td></tr>
 *   <tr><td>other integers</td><td>{@code {"$bigint": "9007199254740993"}}</td></tr>
 *   <tr><td>finite floats</td><td>numbers with a point or an exponent: {@code 1.0}, {@code 1.0E300}, {@code -0.0}</td></tr>
 *   <tr><td>NaN, infinities</td><td>{@code {"$float": "NaN"}}, {@code "Infinity"}, {@code "-Infinity"}</td></tr>
 *   <tr><td>bytes</td><td>{@code {"$bytes": "<base64>"}}</td></tr>
 *   <tr><td>lists</td><td>arrays</td></tr>
 *   <tr><td>maps with string keys</td><td>objects, order kept</td></tr>
 *   <tr><td>other maps</td><td>{@code {"$map": [[key, value], ...]}}</td></tr>
 *   <tr><td>handles</td><td>{@code {"$handle": "<id>"}}, the id from a function the caller gives</td></tr>
 * </table>
 *
 * <p>For people ({@link #toDisplayJson}, {@link #toPrettyJson}) every integer is a plain number,
 * {@code 1267650600228229401496703205376}: this class reads it back exactly (as below), though a
 * reader that uses doubles would round it.
 *
 * <p>Reading: a number with a fraction or an exponent is a float (one beyond the double range is
 * an infinity, as in JavaScript), any other number an integer of any size. An object with exactly
 * one key that is one of the tags above is that tagged value, and a malformed one is an error;
 * any other object is a map. So that this stays unambiguous, a single-entry map whose key starts
 * with {@code $}, and a map with a key that holds a lone surrogate, are written in the
 * {@code $map} form.
 *
 * <p>Strings: Java strings may hold lone surrogates. They are written as {@code \ud800} escapes,
 * so the text is always valid Unicode (and UTF-8), and read back unchanged. Readers in other
 * languages may replace them.
 *
 * <p>Errors are {@link ForeignArgumentException}s of language {@code json} that say where the
 * input went wrong ({@code at line 1 column 7 path $.a}) and what was expected.
 */
public final class ForeignJson {

    /** The language of the exceptions this class throws. */
    public static final String LANGUAGE = "json";

    static final String BIGINT = "$bigint";
    static final String FLOAT = "$float";
    static final String BYTES = "$bytes";
    static final String MAP = "$map";
    static final String HANDLE = "$handle";

    private static final Function<ForeignHandle, String> HANDLE_TO_STRING = ForeignHandle::toString;

    private ForeignJson() {
    }

    /** Compact JSON; handles are written with their {@code toString()} as id. */
    public static String toJson(ForeignValue value) {
        return toJson(value, HANDLE_TO_STRING, false, false);
    }

    /** Compact JSON; handles are written with the id {@code handleIds} gives them. */
    public static String toJson(ForeignValue value, Function<? super ForeignHandle, String> handleIds) {
        return toJson(value, handleIds, false, false);
    }

    /** Compact JSON for people: integers of any size as numbers; handles as by {@link #toJson(ForeignValue)}. */
    public static String toDisplayJson(ForeignValue value) {
        return toJson(value, HANDLE_TO_STRING, false, true);
    }

    /** JSON indented by two spaces, for people: integers of any size as numbers; handles as by {@link #toJson(ForeignValue)}. */
    public static String toPrettyJson(ForeignValue value) {
        return toJson(value, HANDLE_TO_STRING, true, true);
    }

    private static String toJson(ForeignValue value, Function<? super ForeignHandle, String> handleIds,
                                 boolean pretty, boolean plainIntegers) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(handleIds, "handleIds");
        StringWriter text = new StringWriter();
        try (JsonWriter out = new JsonWriter(text)) {
            if (pretty) {
                out.setIndent("  ");
            }
            new JsonValueWriter(out, handleIds, plainIntegers).write(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /**
     * Writes a value into a larger JSON document, e.g. as the value of a message field.
     *
     * @throws IOException what the underlying writer throws
     */
    public static void write(JsonWriter out, ForeignValue value) throws IOException {
        write(out, value, HANDLE_TO_STRING);
    }

    /**
     * Writes a value into a larger JSON document; handles get the id {@code handleIds} gives them.
     * Nulls inside maps are written even if {@code out} does not serialize nulls.
     *
     * @throws IOException what the underlying writer throws
     */
    public static void write(JsonWriter out, ForeignValue value, Function<? super ForeignHandle, String> handleIds)
            throws IOException {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(handleIds, "handleIds");
        boolean serializeNulls = out.getSerializeNulls();
        out.setSerializeNulls(true);
        try {
            new JsonValueWriter(out, handleIds, false).write(value);
        } finally {
            out.setSerializeNulls(serializeNulls);
        }
    }

    /**
     * Parses one JSON value; {@code $handle}s are an error.
     *
     * @throws ForeignArgumentException the text is not JSON, holds more than one value, or holds a
     *     malformed tagged value or a handle
     */
    public static ForeignValue parse(String json) {
        return parseWhole(json, null);
    }

    /**
     * Parses one JSON value; {@code handles} turns the id of a {@code $handle} into the handle,
     * or gives {@code null} for an unknown id.
     *
     * @throws ForeignArgumentException the text is not JSON, holds more than one value, or holds a
     *     malformed tagged value or an unknown handle
     */
    public static ForeignValue parse(String json, Function<String, ? extends ForeignHandle> handles) {
        Objects.requireNonNull(handles, "handles");
        return parseWhole(json, handles);
    }

    private static ForeignValue parseWhole(String json, Function<String, ? extends ForeignHandle> handles) {
        Objects.requireNonNull(json, "json");
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        try {
            ForeignValue value = read(in, handles);
            JsonToken next = null;
            MalformedJsonException trailing = null;
            try {
                next = in.peek();
            } catch (MalformedJsonException e) {
                trailing = e; // strict Gson refuses a second top-level value; reported as the cause below
            }
            if (next != JsonToken.END_DOCUMENT) {
                throw new ForeignArgumentException(LANGUAGE,
                    "malformed JSON: expected the end of the input after the value " + location(in), trailing);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("a StringReader does not fail", e);
        }
    }

    /**
     * Reads the next value of a larger JSON document, e.g. the value of a message field;
     * {@code $handle}s are an error. The reader's strictness and nesting limit apply.
     *
     * @throws ForeignArgumentException the JSON is malformed or holds a malformed tagged value or a handle
     * @throws IOException what the underlying reader throws
     */
    public static ForeignValue read(JsonReader in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads the next value of a larger JSON document; {@code handles} turns the id of a
     * {@code $handle} into the handle (or gives {@code null} for an unknown id), and when it is
     * {@code null} handles are an error.
     *
     * @throws ForeignArgumentException the JSON is malformed or holds a malformed tagged value or an unknown handle
     * @throws IOException what the underlying reader throws
     */
    public static ForeignValue read(JsonReader in, Function<String, ? extends ForeignHandle> handles)
            throws IOException {
        try {
            return new JsonValueReader(in, handles).read();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            // Gson's syntax errors; IllegalStateException: a token of the wrong kind in lenient mode
            throw new ForeignArgumentException(LANGUAGE, "malformed JSON: " + syntaxError(e), e);
        }
    }

    static boolean isTag(String key) {
        return switch (key) {
            case BIGINT, FLOAT, BYTES, MAP, HANDLE -> true;
            default -> false;
        };
    }

    /** Where the reader stands: {@code at line 1 column 7 path $.a}. */
    static String location(JsonReader in) {
        String text = in.toString(); // "JsonReader at line 1 column 7 path $.a"; Gson has no public accessor
        int at = text.indexOf(" at line ");
        String location = at >= 0 ? text.substring(at + 1) : "at path " + in.getPath();
        return abbreviatePath(location);
    }

    /** A location whose path is longer than 60 characters keeps its end: {@code path ...[0][0]}. */
    private static String abbreviatePath(String location) {
        int path = location.indexOf(" path ");
        if (path < 0 || location.length() - path - 6 <= 60) {
            return location;
        }
        return location.substring(0, path + 6) + "..." + location.substring(location.length() - 57);
    }

    /** Gson's message without its troubleshooting link, and in plainer words. */
    private static String syntaxError(Exception e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        int see = message.indexOf("\nSee ");
        if (see >= 0) {
            message = message.substring(0, see);
        }
        return abbreviatePath(message
            .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "unexpected text: expected strict JSON (double-quoted strings and names, no trailing commas,"
                    + " no comments, no NaN, no leading zeros)")
            .replace("End of input", "unexpected end of input"));
    }
}
