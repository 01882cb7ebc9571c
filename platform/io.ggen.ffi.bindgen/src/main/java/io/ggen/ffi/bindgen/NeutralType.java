package io.ggen.ffi.bindgen;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed neutral type name (see {@link io.ggen.ffi.api.FunctionSignature}) and the Java type a
 * typed binding declares for it: {@code int} is {@code long}, {@code list<int>} is
 * {@code List<Long>}, {@code optional<string>} is {@code Optional<String>} as a result and a
 * nullable {@code String} as a parameter.
 *
 * @param name the outer name: {@code int}, {@code list}...
 * @param element the element type of {@code list}, {@code map} and {@code optional}; else null
 */
public record NeutralType(String name, NeutralType element) {

    /** The neutral type names and the Java types they stand for, boxed where a primitive is. */
    private enum Kind {
        ANY("Object", "Object"), NULL("void", "Object"), BOOL("boolean", "Boolean"), INT("long", "Long"),
        INT32("int", "Integer"), BIGINT("BigInteger", "BigInteger"), FLOAT("double", "Double"),
        FLOAT32("float", "Float"), STRING("String", "String"), BYTES("byte[]", "byte[]"),
        HANDLE("ForeignHandle", "ForeignHandle"),
        LIST(null, null), MAP(null, null), OPTIONAL(null, null);

        final String plain;
        final String boxed;

        Kind(String plain, String boxed) {
            this.plain = plain;
            this.boxed = boxed;
        }

        static Kind of(String name) {
            for (Kind kind : values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public NeutralType {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses {@code int}, {@code list<map<optional<string>>>}, spaces allowed around names and
     * brackets.
     *
     * @throws IllegalArgumentException not a neutral type name, with what is wrong
     */
    public static NeutralType parse(String text) {
        Objects.requireNonNull(text, "text");
        int[] at = {0};
        NeutralType type = parse(text, at);
        skipSpaces(text, at);
        if (at[0] != text.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a neutral type: unexpected '"
                + text.substring(at[0]) + "'");
        }
        return type;
    }

    private static NeutralType parse(String text, int[] at) {
        skipSpaces(text, at);
        int start = at[0];
        while (at[0] < text.length() && Character.isLetterOrDigit(text.charAt(at[0]))) {
            at[0]++;
        }
        String name = text.substring(start, at[0]);
        Kind kind = Kind.of(name);
        if (kind == null) {
            throw new IllegalArgumentException("'" + text + "' is not a neutral type: unknown name '" + name
                + "' (any, null, bool, int, int32, bigint, float, float32, string, bytes, handle, list<T>, map<T>, optional<T>)");
        }
        skipSpaces(text, at);
        boolean generic = kind.plain == null;
        if (!generic) {
            return new NeutralType(kind.name().toLowerCase(Locale.ROOT), null);
        }
        if (at[0] >= text.length() || text.charAt(at[0]) != '<') {
            throw new IllegalArgumentException("'" + text + "' is not a neutral type: " + name + " needs an element type, e.g. "
                + name + "<int>");
        }
        at[0]++;
        NeutralType element = parse(text, at);
        skipSpaces(text, at);
        if (at[0] >= text.length() || text.charAt(at[0]) != '>') {
            throw new IllegalArgumentException("'" + text + "' is not a neutral type: '>' expected after " + name + "<"
                + element);
        }
        at[0]++;
        return new NeutralType(name, element);
    }

    private static void skipSpaces(String text, int[] at) {
        while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
            at[0]++;
        }
    }

    private Kind kind() {
        return Kind.of(name);
    }

    /** Whether this is {@code optional<T>}. */
    public boolean isOptional() {
        return kind() == Kind.OPTIONAL;
    }

    /** Whether this is {@code null}: no value. */
    public boolean isNull() {
        return kind() == Kind.NULL;
    }

    /** The Java type of a method returning this: {@code long}, {@code void}, {@code Optional<Long>}. */
    public String javaResult() {
        return switch (kind()) {
            case LIST, MAP -> boxed();
            case OPTIONAL -> element.isNull() ? "void" : "Optional<" + element.nonOptional().boxed() + ">";
            default -> kind().plain;
        };
    }

    /**
     * The Java type of a parameter of this type: primitives as they are, {@code optional<T>} as the
     * nullable boxed {@code T}, {@code null} as {@code Object}.
     */
    public String javaParameter() {
        return switch (kind()) {
            case LIST, MAP, NULL -> boxed();
            case OPTIONAL -> element.nonOptional().boxed();
            default -> kind().plain;
        };
    }

    /** The Java type as a type argument: {@code Long}, {@code List<Map<String, Double>>}. */
    public String boxed() {
        return switch (kind()) {
            case LIST -> "List<" + element.boxed() + ">";
            case MAP -> "Map<String, " + element.boxed() + ">";
            case OPTIONAL -> element.nonOptional().boxed();
            default -> kind().boxed;
        };
    }

    /**
     * The imports the Java types of this type need, added to {@code imports}: {@code java.util.List}
     * for {@code list<int>}, and {@code java.util.Optional} when {@code result} and the type is
     * {@code optional<T>}.
     */
    public void addImports(Set<String> imports, boolean result) {
        switch (kind()) {
            case BIGINT -> imports.add("java.math.BigInteger");
            case HANDLE -> imports.add("io.ggen.ffi.api.ForeignHandle");
            case LIST -> imports.add("java.util.List");
            case MAP -> imports.add("java.util.Map");
            case OPTIONAL -> {
                if (result && !element.isNull()) {
                    imports.add("java.util.Optional");
                }
            }
            default -> {
            }
        }
        if (element != null) {
            element.addImports(imports, false);
        }
    }

    /** {@code optional<optional<T>>} means no more than {@code optional<T>}. */
    private NeutralType nonOptional() {
        return isOptional() ? element.nonOptional() : this;
    }

    /** The neutral type name, {@code list<int>}. */
    @Override
    public String toString() {
        return element == null ? name : name + "<" + element + ">";
    }
}
