package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A recursive-descent reader of one C function declaration; see {@link CSignature#parse}. */
final class CSignatureParser {

    private static final Pattern TOKEN = Pattern.compile("\\s*(\\.\\.\\.|[A-Za-z_][A-Za-z0-9_]*|[*(),;]|\\S)");

    /** Base type names (after {@code signed}/{@code unsigned}/{@code long}/{@code short} are folded in). */
    private static final Map<String, CType.Kind> NAMED = Map.ofEntries(
        Map.entry("void", CType.Kind.VOID), Map.entry("bool", CType.Kind.BOOL), Map.entry("_Bool", CType.Kind.BOOL),
        Map.entry("char", CType.Kind.CHAR), Map.entry("float", CType.Kind.FLOAT), Map.entry("double", CType.Kind.DOUBLE),
        Map.entry("int8_t", CType.Kind.INT8), Map.entry("uint8_t", CType.Kind.UINT8),
        Map.entry("int16_t", CType.Kind.INT16), Map.entry("uint16_t", CType.Kind.UINT16),
        Map.entry("int32_t", CType.Kind.INT32), Map.entry("uint32_t", CType.Kind.UINT32),
        Map.entry("int64_t", CType.Kind.INT64), Map.entry("uint64_t", CType.Kind.UINT64),
        Map.entry("size_t", CType.Kind.UINT64), Map.entry("uintptr_t", CType.Kind.UINT64),
        Map.entry("ssize_t", CType.Kind.INT64), Map.entry("intptr_t", CType.Kind.INT64),
        Map.entry("ptrdiff_t", CType.Kind.INT64), Map.entry("off_t", CType.Kind.INT64));

    private static final Set<String> MODIFIERS = Set.of("signed", "unsigned", "short", "long", "int");

    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private int position;

    CSignatureParser(String text) {
        this.text = text == null ? "" : text;
        Matcher m = TOKEN.matcher(this.text);
        int end = 0;
        while (m.find() && m.start() == end) {
            tokens.add(m.group(1));
            columns.add(m.start(1) + 1);
            end = m.end();
        }
    }

    CSignature signature() {
        CType returns = type();
        String name = identifier("the function's name");
        List<CParam> params = parameters();
        accept(";");
        if (position < tokens.size()) {
            throw error("nothing after the closing parenthesis");
        }
        return new CSignature(name, returns, params);
    }

    private List<CParam> parameters() {
        expect("(");
        List<CParam> params = new ArrayList<>();
        if (accept(")")) {
            return params;
        }
        if (peek("void") && peekAt(1, ")")) {
            position += 2;
            return params;
        }
        do {
            if (peek("...")) {
                throw error("variadic functions (...) are not supported; declare the arguments you pass");
            }
            params.add(parameter(params.size()));
        } while (accept(","));
        expect(")");
        return params;
    }

    private CParam parameter(int index) {
        CType type = type();
        if (accept("(")) {
            expect("*");
            String name = peekIdentifier() ? tokens.get(position++) : "arg" + index;
            expect(")");
            List<CParam> params = parameters();
            return new CParam(name, CType.functionPointer(new CSignature(name, type, params)));
        }
        if (type.kind() == CType.Kind.VOID) {
            throw error("a parameter cannot be void (use void* for a pointer)");
        }
        String name = peekIdentifier() ? tokens.get(position++) : "arg" + index;
        return new CParam(name, type);
    }

    /** Qualifiers and a base type, then any number of {@code *}, each optionally {@code const}. */
    private CType type() {
        boolean constant = false;
        List<String> modifiers = new ArrayList<>();
        String base = null;
        while (position < tokens.size()) {
            String token = tokens.get(position);
            if (token.equals("const")) {
                constant = true;
            } else if (token.equals("volatile") || token.equals("restrict") || token.equals("extern")) {
                // qualifiers that do not change how a value crosses: ignored
            } else if (token.equals("struct") || token.equals("union")) {
                throw error(token + "s by value are not supported; pass a pointer to it (void*)");
            } else if (token.equals("enum")) {
                position++;
                identifier("the enum's name");
                base = "int";
                continue;
            } else if (MODIFIERS.contains(token) && base == null) {
                modifiers.add(token);
            } else if (NAMED.containsKey(token) && base == null && !modifiers.contains("long")
                && !modifiers.contains("short") && !modifiers.contains("int")) {
                base = token;
            } else {
                break;
            }
            position++;
        }
        CType type = new CType(kind(base, modifiers), constant, null, null);
        while (accept("*")) {
            type = CType.pointerTo(type);
            while (accept("const") || accept("restrict") || accept("volatile")) {
                // a const pointer (char* const p) passes the same way
            }
        }
        return type;
    }

    private CType.Kind kind(String base, List<String> modifiers) {
        boolean unsigned = modifiers.contains("unsigned");
        long longs = modifiers.stream().filter("long"::equals).count();
        if (base != null) {
            if (modifiers.isEmpty()) {
                return NAMED.get(base);
            }
            if (base.equals("char") && modifiers.size() == 1 && (unsigned || modifiers.contains("signed"))) {
                return unsigned ? CType.Kind.UINT8 : CType.Kind.INT8;
            }
            throw error("'" + String.join(" ", modifiers) + " " + base + "' is not a C type");
        }
        if (modifiers.isEmpty()) {
            throw error("a type (e.g. int, const char*, void*)");
        }
        if (modifiers.contains("short")) {
            return unsigned ? CType.Kind.UINT16 : CType.Kind.INT16;
        }
        if (longs > 0) {
            return unsigned ? CType.Kind.UINT64 : CType.Kind.INT64;
        }
        return unsigned ? CType.Kind.UINT32 : CType.Kind.INT32;
    }

    private String identifier(String what) {
        if (!peekIdentifier()) {
            throw error(what);
        }
        return tokens.get(position++);
    }

    private boolean peekIdentifier() {
        return position < tokens.size() && Character.isJavaIdentifierStart(tokens.get(position).charAt(0))
            && !tokens.get(position).equals("const");
    }

    private boolean peek(String token) {
        return peekAt(0, token);
    }

    private boolean peekAt(int ahead, String token) {
        return position + ahead < tokens.size() && tokens.get(position + ahead).equals(token);
    }

    private boolean accept(String token) {
        if (peek(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("'" + token + "'");
        }
    }

    private ForeignArgumentException error(String expected) {
        String found = position < tokens.size() ? "'" + tokens.get(position) + "' at column " + columns.get(position)
            : "the end";
        return new ForeignArgumentException("c", "cannot read the C signature '" + text + "': expected "
            + expected + ", found " + found + " (example: size_t strlen(const char* s))");
    }
}
