package io.ggen.ffi.bindgen.c;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constants a header {@code #define}s, with the values clang gives them. Clang's AST has no
 * macros, so two more runs of clang find them:
 *
 * <ol>
 * <li>{@code clang -E -dD} keeps every {@code #define} in the preprocessed output, between the line
 *     markers that say which file it is in: the object-like macros of the header itself are kept.</li>
 * <li>A generated C file includes the header and uses each macro twice, as an enumerator's value
 *     ({@code enum { v = (MACRO) };}) and as a {@code char} array's initializer: clang evaluates the
 *     first where the macro is an integer constant expression and accepts the second where it is a
 *     string literal; its AST has the values. A macro that is neither (a type, a cast to a pointer, a
 *     float) is an error clang reports and recovers from, and is left out.</li>
 * </ol>
 */
final class CMacros {

    private static final String INTEGER = "ggen_bindgen_integer_";
    private static final String STRING = "ggen_bindgen_string_";

    /**
     * A constant.
     *
     * @param javaType {@code int}, {@code long} or {@code String}
     * @param literal its value as a Java literal
     */
    record Constant(String name, String javaType, String literal) {
    }

    private CMacros() {
    }

    /** The header's integer and string constants, in the order it defines them. */
    static List<Constant> read(Clang clang, Path header, List<String> clangArgs) {
        Set<String> names = defined(clang, header, clangArgs);
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> ordered = new ArrayList<>(names);
        Path probe = null;
        try {
            probe = Files.createTempFile("ggen-bindgen-macros-", ".c");
            StringBuilder source = new StringBuilder("#include \"").append(cString(header.toString())).append("\"\n");
            for (int i = 0; i < ordered.size(); i++) {
                source.append("enum ").append(INTEGER).append(i).append(" { ").append(INTEGER).append(i).append("_value = (")
                    .append(ordered.get(i)).append(") };\n");
                source.append("static const char ").append(STRING).append(i).append("[] = ").append(ordered.get(i)).append(";\n");
            }
            Files.writeString(probe, source, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("-x", "c", "-fsyntax-only", "-w", "-ferror-limit=0"));
            args.addAll(clangArgs);
            args.addAll(List.of("-Xclang", "-ast-dump=json", probe.toString()));
            Map<Integer, Constant> values = clang.run(args, false, output -> values(output, ordered));
            return values.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        } catch (IOException e) {
            throw new CHeaderException("cannot write the file that evaluates the macros of " + header + ": " + e.getMessage(), e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a temporary file left behind is harmless: the system's temporary folder is cleaned
                }
            }
        }
    }

    /** The object-like macros defined in the header itself (not in what it includes), from {@code clang -E -dD}. */
    static Set<String> defined(Clang clang, Path header, List<String> clangArgs) {
        List<String> args = new ArrayList<>(List.of("-x", "c", "-E", "-dD", "-w"));
        args.addAll(clangArgs);
        args.add(header.toString());
        Path target = header.toAbsolutePath().normalize();
        return clang.run(args, true, output -> {
            Set<String> names = new LinkedHashSet<>();
            boolean inHeader = false;
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith("# ") && line.length() > 2 && Character.isDigit(line.charAt(2))) {
                    inHeader = target.equals(markerFile(line));
                } else if (line.startsWith("#define ") && inHeader) {
                    String name = macroName(line, 8);
                    int end = 8 + name.length();
                    boolean objectLike = end < line.length() && line.charAt(end) == ' ' && !line.substring(end).isBlank();
                    if (!name.isEmpty() && objectLike) {
                        names.add(name);
                    }
                } else if (line.startsWith("#undef ")) {
                    names.remove(macroName(line, 7));
                }
            }
            return names;
        });
    }

    /** The file of a line marker ({@code # 12 "/usr/include/zlib.h" 2}), absolute; null when it is no file. */
    private static Path markerFile(String line) {
        int open = line.indexOf('"');
        int close = line.lastIndexOf('"');
        if (open < 0 || close <= open) {
            return null;
        }
        String file = line.substring(open + 1, close).replace("\\\"", "\"").replace("\\\\", "\\");
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null; // <built-in>, <command line>: no files
        }
    }

    private static String macroName(String line, int from) {
        int end = from;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        return line.substring(from, end);
    }

    /** Reads the probe's AST: only its own declarations become trees, the header's are skipped. */
    private static Map<Integer, Constant> values(BufferedReader output, List<String> names) throws IOException {
        Map<Integer, Constant> values = new LinkedHashMap<>();
        JsonReader in = new JsonReader(output);
        in.beginObject();
        while (in.hasNext()) {
            if (!in.nextName().equals("inner")) {
                in.skipValue();
                continue;
            }
            in.beginArray();
            while (in.hasNext()) {
                in.beginObject();
                String name = "";
                while (in.hasNext()) {
                    String key = in.nextName();
                    if (key.equals("name")) {
                        name = in.nextString();
                    } else if (key.equals("inner") && (name.startsWith(INTEGER) || name.startsWith(STRING))) {
                        JsonObject node = new JsonObject();
                        node.add("inner", com.google.gson.JsonParser.parseReader(in));
                        Constant constant = constant(name, node, names);
                        if (constant != null) {
                            values.putIfAbsent(Integer.parseInt(index(name)), constant);
                        }
                    } else {
                        in.skipValue();
                    }
                }
                in.endObject();
            }
            in.endArray();
        }
        in.endObject();
        return values;
    }

    private static String index(String name) {
        String rest = name.startsWith(INTEGER) ? name.substring(INTEGER.length()) : name.substring(STRING.length());
        return rest.endsWith("_value") ? rest.substring(0, rest.length() - "_value".length()) : rest;
    }

    private static Constant constant(String declaration, JsonObject node, List<String> names) {
        String macro = names.get(Integer.parseInt(index(declaration)));
        if (declaration.startsWith(INTEGER)) {
            for (JsonObject enumerator : ClangAstReader.children(node)) {
                String value = ClangAstReader.constantValue(enumerator);
                if (value != null) {
                    return integer(macro, ClangAstReader.parseLong(value), value.startsWith("-"));
                }
            }
            return null;
        }
        List<JsonObject> init = ClangAstReader.children(node);
        if (init.size() == 1 && ClangAstReader.string(init.getFirst(), "kind").equals("StringLiteral")) {
            JsonObject literal = init.getFirst();
            String type = literal.getAsJsonObject("type").get("qualType").getAsString();
            if (type.startsWith("const char[") || type.startsWith("char[")) {
                return new Constant(macro, "String", "\"" + io.ggen.ffi.bindgen.JavaNames.escape(
                    unescape(ClangAstReader.string(literal, "value"))) + "\"");
            }
        }
        return null;
    }

    /** An integer as {@code int} when it fits, else {@code long} (an unsigned value beyond 2^63 as its bit pattern). */
    private static Constant integer(String name, long value, boolean negative) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE && (negative || value >= 0)) {
            return new Constant(name, "int", Long.toString(value));
        }
        if (!negative && value < 0) {
            return new Constant(name, "long", "0x" + Long.toHexString(value) + "L");
        }
        return new Constant(name, "long", value + "L");
    }

    /** A C string literal as clang prints it ({@code "a\n\"b"}), as the text it stands for (UTF-8). */
    static String unescape(String literal) {
        String body = literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")
            ? literal.substring(1, literal.length() - 1) : literal;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case 'r' -> bytes.write('\r');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'v' -> bytes.write(11);
                case 'e' -> bytes.write(27);
                case 'x' -> {
                    int end = i + 1;
                    while (end < body.length() && Character.digit(body.charAt(end), 16) >= 0) {
                        end++;
                    }
                    bytes.write(Integer.parseInt(body.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < body.length() && end < i + 3 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        bytes.write(Integer.parseInt(body.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        bytes.write(e); // \\ \" \' \?
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String cString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
