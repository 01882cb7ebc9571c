package io.ggen.ffi.bindgen.c;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads clang's JSON AST ({@code -Xclang -ast-dump=json}) as a stream, one top-level declaration at a
 * time, keeping only what the header itself declares (and every typedef, to resolve types).
 *
 * <p>Clang writes a location's {@code file} only when it differs from the one it wrote last, so the
 * current file is tracked through every location in the order clang wrote them, spelling and
 * expansion locations included ({@code includedFrom} names the includer, not the location's file).
 * A declaration belongs to the file of its {@code loc}: for one a macro made, where the macro was
 * expanded.
 */
final class ClangAstReader {

    private static final String FILE_KEY = "$file";

    private final Path header;
    private String currentFile;
    private final List<ClangHeader.Function> functions = new ArrayList<>();
    private final Set<String> functionNames = new HashSet<>();
    private final List<ClangHeader.Typedef> typedefs = new ArrayList<>();
    private final List<ClangHeader.Enum> enums = new ArrayList<>();
    private final List<ClangHeader.Record> records = new ArrayList<>();
    private final List<String> variables = new ArrayList<>();
    private final Map<String, String> allTypedefs = new LinkedHashMap<>();

    private ClangAstReader(Path header) {
        this.header = header;
    }

    /** Reads the AST of a translation unit whose main file (or one it includes) is {@code header}. */
    static ClangHeader read(Reader json, Path header) throws IOException {
        ClangAstReader reader = new ClangAstReader(header.toAbsolutePath().normalize());
        JsonReader in = new JsonReader(json);
        in.beginObject();
        while (in.hasNext()) {
            if (in.nextName().equals("inner")) {
                in.beginArray();
                while (in.hasNext()) {
                    reader.declaration(in);
                }
                in.endArray();
            } else {
                reader.value(in, false, false);
            }
        }
        in.endObject();
        return new ClangHeader(reader.header, reader.functions, reader.typedefs, reader.enums, reader.records,
            reader.variables, reader.allTypedefs);
    }

    /**
     * One top-level declaration: kept as a tree when it is the header's or a typedef, else only
     * walked for its locations.
     */
    private void declaration(JsonReader in) throws IOException {
        in.beginObject();
        JsonObject node = new JsonObject();
        boolean keep = true;
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equals("loc")) {
                if (location(in)) {
                    node.addProperty(FILE_KEY, currentFile);
                }
                String kind = node.has("kind") ? node.get("kind").getAsString() : "";
                keep = kind.equals("TypedefDecl") || inHeader(node);
            } else if (name.equals("range")) {
                value(in, false, false);
            } else {
                JsonElement value = value(in, keep, false);
                if (keep) {
                    node.add(name, value);
                }
            }
        }
        in.endObject();
        if (keep) {
            collect(node);
        }
    }

    /** Reads a {@code loc}, tracking the file; whether it was a valid location. */
    private boolean location(JsonReader in) throws IOException {
        JsonElement loc = value(in, true, false);
        return loc.isJsonObject() && !loc.getAsJsonObject().isEmpty();
    }

    private boolean inHeader(JsonObject node) {
        if (!node.has(FILE_KEY)) {
            return false;
        }
        try {
            return Path.of(node.get(FILE_KEY).getAsString()).toAbsolutePath().normalize().equals(header);
        } catch (java.nio.file.InvalidPathException e) {
            return false; // clang's <built-in> and <scratch space> are no files
        }
    }

    /**
     * A JSON value, as a tree when {@code keep} (without {@code range}s, and with a node's
     * {@code loc} reduced to its file), tracking every location's file on the way.
     */
    private JsonElement value(JsonReader in, boolean keep, boolean includedFrom) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                in.beginObject();
                JsonObject object = keep ? new JsonObject() : null;
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (name.equals("file") && !includedFrom && in.peek() == JsonToken.STRING) {
                        currentFile = in.nextString();
                        if (keep) {
                            object.addProperty(name, currentFile);
                        }
                    } else if (name.equals("range")) {
                        value(in, false, false);
                    } else if (name.equals("loc") && keep) {
                        if (location(in)) {
                            object.addProperty(FILE_KEY, currentFile);
                        }
                    } else {
                        JsonElement value = value(in, keep, name.equals("includedFrom"));
                        if (keep) {
                            object.add(name, value);
                        }
                    }
                }
                in.endObject();
                return keep ? object : JsonNull.INSTANCE;
            }
            case BEGIN_ARRAY -> {
                in.beginArray();
                JsonArray array = keep ? new JsonArray() : null;
                while (in.hasNext()) {
                    JsonElement value = value(in, keep, false);
                    if (keep) {
                        array.add(value);
                    }
                }
                in.endArray();
                return keep ? array : JsonNull.INSTANCE;
            }
            case STRING, NUMBER -> {
                String text = in.nextString();
                return keep ? new JsonPrimitive(text) : JsonNull.INSTANCE;
            }
            case BOOLEAN -> {
                boolean b = in.nextBoolean();
                return keep ? new JsonPrimitive(b) : JsonNull.INSTANCE;
            }
            default -> {
                in.skipValue();
                return JsonNull.INSTANCE;
            }
        }
    }

    private void collect(JsonObject node) {
        String kind = string(node, "kind");
        String name = string(node, "name");
        boolean mine = inHeader(node);
        switch (kind) {
            case "TypedefDecl" -> {
                String type = qualType(node);
                allTypedefs.putIfAbsent(name, type);
                if (mine) {
                    typedefs.add(new ClangHeader.Typedef(name, type, ownedTag(node), comment(node)));
                }
            }
            case "FunctionDecl" -> {
                if (functionNames.add(name)) {
                    List<ClangHeader.Param> params = new ArrayList<>();
                    for (JsonObject child : children(node)) {
                        if (string(child, "kind").equals("ParmVarDecl")) {
                            params.add(new ClangHeader.Param(string(child, "name"), qualType(child)));
                        }
                    }
                    boolean external = !"static".equals(string(node, "storageClass")) && !flag(node, "inline");
                    functions.add(new ClangHeader.Function(name, qualType(node), params, flag(node, "variadic"), external,
                        comment(node)));
                }
            }
            case "EnumDecl" -> {
                List<ClangHeader.Constant> constants = new ArrayList<>();
                long next = 0;
                for (JsonObject child : children(node)) {
                    if (string(child, "kind").equals("EnumConstantDecl")) {
                        String value = constantValue(child);
                        long v = value == null ? next : parseLong(value);
                        constants.add(new ClangHeader.Constant(string(child, "name"), v, comment(child)));
                        next = v + 1;
                    }
                }
                enums.add(new ClangHeader.Enum(string(node, "id"), name.isEmpty() ? null : name, constants, comment(node)));
            }
            case "RecordDecl" -> {
                if (flag(node, "completeDefinition")) {
                    boolean bitFields = children(node).stream().anyMatch(f -> flag(f, "isBitfield"));
                    records.add(new ClangHeader.Record(string(node, "tagUsed"), name.isEmpty() ? null : name, bitFields));
                }
            }
            case "VarDecl" -> variables.add(name);
            default -> {
                // static asserts, empty declarations: nothing to bind
            }
        }
    }

    static long parseLong(String value) {
        return value.startsWith("-") ? Long.parseLong(value) : Long.parseUnsignedLong(value);
    }

    /** The value clang computed for a constant expression under this node, depth first; null when none. */
    static String constantValue(JsonObject node) {
        for (JsonObject child : children(node)) {
            if (string(child, "kind").equals("ConstantExpr") && child.has("value")) {
                return child.get("value").getAsString();
            }
            String inner = constantValue(child);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** The id of a struct, union or enum a typedef defines along with itself ({@code typedef enum {...} name}). */
    private static String ownedTag(JsonObject node) {
        for (JsonObject child : children(node)) {
            if (child.has("ownedTagDecl")) {
                return string(child.getAsJsonObject("ownedTagDecl"), "id");
            }
            String inner = ownedTag(child);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** The text of the comment clang attached ({@code FullComment}), paragraphs separated by a blank line. */
    static String comment(JsonObject node) {
        for (JsonObject child : children(node)) {
            if (string(child, "kind").equals("FullComment")) {
                StringBuilder text = new StringBuilder();
                commentText(child, text);
                return CommentText.tidy(text.toString());
            }
        }
        return "";
    }

    private static void commentText(JsonObject node, StringBuilder text) {
        String kind = string(node, "kind");
        switch (kind) {
            case "TextComment", "VerbatimBlockLineComment", "VerbatimLineComment" -> text.append(string(node, "text")).append('\n');
            case "InlineCommandComment" -> text.append('\\').append(string(node, "name")).append(' ');
            case "ParamCommandComment" -> text.append("\n").append(string(node, "param")).append(": ");
            case "BlockCommandComment" -> text.append("\n").append(string(node, "name")).append(": ");
            default -> {
                // paragraphs and the full comment itself: only their children have text
            }
        }
        for (JsonObject child : children(node)) {
            commentText(child, text);
        }
        if (kind.equals("ParagraphComment")) {
            text.append('\n');
        }
    }

    static List<JsonObject> children(JsonObject node) {
        List<JsonObject> children = new ArrayList<>();
        if (node.has("inner") && node.get("inner").isJsonArray()) {
            for (JsonElement child : node.getAsJsonArray("inner")) {
                if (child.isJsonObject()) {
                    children.add(child.getAsJsonObject());
                }
            }
        }
        return children;
    }

    static String string(JsonObject node, String key) {
        JsonElement value = node.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }

    private static boolean flag(JsonObject node, String key) {
        JsonElement value = node.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsBoolean();
    }

    private static String qualType(JsonObject node) {
        JsonElement type = node.get("type");
        return type != null && type.isJsonObject() ? string(type.getAsJsonObject(), "qualType") : "";
    }
}
