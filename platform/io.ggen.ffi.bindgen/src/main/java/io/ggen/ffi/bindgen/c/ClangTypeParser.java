package io.ggen.ffi.bindgen.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a type the way clang prints it in its AST ({@code qualType}): specifiers, then an abstract
 * declarator ({@code *}, {@code (*)(params)}, {@code [N]}). Clang prints types in one regular form
 * (no names, one space rule), so this reads clang's output, not C source.
 */
final class ClangTypeParser {

    private static final Set<String> BUILTIN_WORDS = Set.of("void", "char", "short", "int", "long", "float", "double",
        "signed", "unsigned", "_Bool", "bool", "__int128", "_Float16", "__fp16", "__bf16", "__float128", "_Complex",
        "_Float128");
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict", "__restrict", "_Atomic",
        "_Nonnull", "_Nullable", "_Null_unspecified");

    private final String text;
    private int position;

    private ClangTypeParser(String text) {
        this.text = text;
    }

    /**
     * Parses one type.
     *
     * @throws IllegalArgumentException the text is not a type clang would print
     */
    static ClangType parse(String text) {
        ClangTypeParser parser = new ClangTypeParser(text);
        ClangType type = parser.type();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("the end");
        }
        return type;
    }

    private ClangType type() {
        ClangType base = specifiers();
        return declarator().apply(base);
    }

    private ClangType specifiers() {
        boolean constant = false;
        List<String> words = new ArrayList<>();
        ClangType base = null;
        while (true) {
            skipSpaces();
            int start = position;
            String word = word();
            if (word == null) {
                break;
            }
            if (QUALIFIERS.contains(word)) {
                constant |= word.equals("const");
            } else if (BUILTIN_WORDS.contains(word) && base == null) {
                words.add(word);
            } else if ((word.equals("struct") || word.equals("union") || word.equals("enum")) && base == null && words.isEmpty()) {
                base = new ClangType.Tag(word, tagName());
            } else if (base == null && words.isEmpty()) {
                base = new ClangType.Named(word);
            } else {
                position = start;
                break;
            }
        }
        if (base == null) {
            if (words.isEmpty()) {
                throw error("a type");
            }
            base = new ClangType.Builtin(builtin(words));
        }
        return constant ? new ClangType.Const(base) : base;
    }

    /** Clang's order of builtin words, e.g. {@code unsigned long long}; {@code signed int} is {@code int}. */
    private static String builtin(List<String> words) {
        List<String> sorted = new ArrayList<>(words);
        boolean unsigned = sorted.remove("unsigned");
        boolean signed = sorted.remove("signed");
        if (sorted.isEmpty()) {
            sorted.add("int");
        }
        if (sorted.size() > 1 && sorted.contains("int") && (sorted.contains("long") || sorted.contains("short"))) {
            sorted.remove("int");
        }
        String name = String.join(" ", sorted);
        if (name.equals("bool")) {
            name = "_Bool";
        }
        if (unsigned) {
            return "unsigned " + name;
        }
        return signed && name.equals("char") ? "signed char" : name;
    }

    /** A tag's name: an identifier, or clang's {@code (unnamed struct at FILE:LINE:COL)} taken as it is. */
    private String tagName() {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == '(') {
            int depth = 0;
            int start = position;
            do {
                char c = text.charAt(position++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } while (depth > 0 && position < text.length());
            return text.substring(start, position);
        }
        String name = word();
        if (name == null) {
            throw error("a struct, union or enum name");
        }
        return name;
    }

    /** An abstract declarator, as the function that wraps the specifiers' type into the declared one. */
    private UnaryOperator<ClangType> declarator() {
        List<Boolean> pointers = new ArrayList<>();
        while (accept('*')) {
            boolean constant = false;
            String word;
            int start;
            while (true) {
                skipSpaces();
                start = position;
                word = word();
                if (word != null && QUALIFIERS.contains(word)) {
                    constant |= word.equals("const");
                } else {
                    position = start;
                    break;
                }
            }
            pointers.add(constant);
        }
        UnaryOperator<ClangType> inner = UnaryOperator.identity();
        skipSpaces();
        if (peek('(') && nestedDeclaratorFollows()) {
            position++;
            inner = declarator();
            expect(')');
        }
        List<UnaryOperator<ClangType>> suffixes = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (accept('(')) {
                suffixes.add(parameters());
            } else if (accept('[')) {
                skipSpaces();
                int start = position;
                while (position < text.length() && Character.isDigit(text.charAt(position))) {
                    position++;
                }
                long size = start == position ? -1 : Long.parseLong(text.substring(start, position));
                expect(']');
                suffixes.add(element -> new ClangType.Array(element, size));
            } else {
                break;
            }
        }
        UnaryOperator<ClangType> wrapInner = inner;
        return base -> {
            ClangType type = base;
            for (boolean constant : pointers) {
                type = new ClangType.Pointer(type);
                type = constant ? new ClangType.Const(type) : type;
            }
            for (int i = suffixes.size() - 1; i >= 0; i--) {
                type = suffixes.get(i).apply(type);
            }
            return wrapInner.apply(type);
        };
    }

    /** After a {@code (}: a nested declarator ({@code (*)}, {@code (*[3])}) rather than a parameter list. */
    private boolean nestedDeclaratorFollows() {
        int at = position + 1;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '^' || text.charAt(at) == '(');
    }

    /** A parameter list after its {@code (}, as the function type it makes of a return type. */
    private UnaryOperator<ClangType> parameters() {
        List<ClangType> params = new ArrayList<>();
        boolean variadic = false;
        skipSpaces();
        if (!accept(')')) {
            do {
                skipSpaces();
                if (text.startsWith("...", position)) {
                    position += 3;
                    variadic = true;
                    break;
                }
                params.add(type());
                skipSpaces();
            } while (accept(','));
            expect(')');
        }
        if (params.size() == 1 && params.getFirst().equals(new ClangType.Builtin("void"))) {
            params.clear();
        }
        boolean isVariadic = variadic;
        return returns -> new ClangType.Function(returns, params, isVariadic);
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        return start == position || Character.isDigit(text.charAt(start)) ? resetTo(start) : text.substring(start, position);
    }

    private String resetTo(int start) {
        position = start;
        return null;
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (peek(c)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "'");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("cannot read clang's type '" + text + "': expected " + expected + " at column "
            + (position + 1));
    }
}
