package io.ggen.ffi.bindgen.c;

import io.ggen.ffi.bindgen.JavaNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * C types as the C bridges take them: the type to write in a {@code @CFunction} signature, and the
 * Java type of the method's parameter or result (see {@link io.ggen.ffi.c.CFunction}).
 *
 * <table>
 * <caption>The mapping</caption>
 * <tr><th>C</th><th>signature</th><th>Java</th></tr>
 * <tr><td>integers, {@code _Bool}, {@code float}, {@code double}, enums</td><td>as declared (enums: {@code int})</td>
 *     <td>the primitive of the same size</td></tr>
 * <tr><td>{@code const char*}</td><td>{@code const char*}</td><td>{@code String}</td></tr>
 * <tr><td>{@code char*} parameter</td><td>{@code char*}</td><td>{@code byte[]} (C may write it)</td></tr>
 * <tr><td>pointer to a number ({@code int*}, {@code unsigned long*}, {@code const uint8_t*})</td><td>as declared</td>
 *     <td>an array of that primitive, copied in and back out</td></tr>
 * <tr><td>pointer to a pointer ({@code sqlite3**}, {@code char**})</td><td>{@code void**}, {@code char**}</td>
 *     <td>{@code long[]}: addresses, copied in and back out</td></tr>
 * <tr><td>{@code void*}, pointer to a struct or union (opaque or not)</td><td>{@code void*}</td><td>{@code MemorySegment}</td></tr>
 * <tr><td>pointer to a function</td><td>{@code R (*name)(P...)}</td><td>a nested functional interface</td></tr>
 * <tr><td>returned pointer other than {@code const char*}</td><td>as declared</td><td>{@code MemorySegment}</td></tr>
 * </table>
 *
 * <p>Refused, with the reason: structs and unions by value, {@code long double}, 128-bit and complex
 * numbers, {@code va_list}, types clang did not define.
 */
final class CTypeMapping {

    /** A C type the bridges cannot take, with the reason. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String kind;

        /** @param kind the kind of reason a summary counts it under: {@code variadic}, {@code struct by value}... */
        Unsupported(String kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        Unsupported(String reason) {
            this("unsupported type", reason);
        }

        String kind() {
            return kind;
        }
    }

    /**
     * A mapped parameter or result.
     *
     * @param c the type as the signature writes it, e.g. {@code const char*}; for a callback, its return type
     * @param java the Java type
     * @param callback for a function pointer: its callback; else null
     */
    record Mapped(String c, String java, Callback callback) {

        /** The parameter as C declares it, e.g. {@code const char* s} or {@code int (*fn)(int)}. */
        String declare(String name) {
            return callback == null ? c + " " + name : callback.returns().c() + " (*" + name + ")" + callback.parameterList();
        }
    }

    /**
     * A function-pointer type, and the functional interface that stands for it.
     *
     * @param name the interface's name
     */
    record Callback(String name, Mapped returns, List<Mapped> params) {

        String parameterList() {
            if (params.isEmpty()) {
                return "(void)";
            }
            List<String> declared = new ArrayList<>();
            for (Mapped param : params) {
                declared.add(param.c());
            }
            return "(" + String.join(", ", declared) + ")";
        }
    }

    private static final Map<String, String[]> SCALARS = Map.ofEntries(
        Map.entry("void", new String[] {"void", "void"}), Map.entry("_Bool", new String[] {"bool", "boolean"}),
        Map.entry("char", new String[] {"char", "byte"}), Map.entry("signed char", new String[] {"signed char", "byte"}),
        Map.entry("unsigned char", new String[] {"unsigned char", "byte"}),
        Map.entry("short", new String[] {"short", "short"}), Map.entry("unsigned short", new String[] {"unsigned short", "short"}),
        Map.entry("int", new String[] {"int", "int"}), Map.entry("unsigned int", new String[] {"unsigned int", "int"}),
        Map.entry("long", new String[] {"long", "long"}), Map.entry("unsigned long", new String[] {"unsigned long", "long"}),
        Map.entry("long long", new String[] {"long long", "long"}),
        Map.entry("unsigned long long", new String[] {"unsigned long long", "long"}),
        Map.entry("float", new String[] {"float", "float"}), Map.entry("double", new String[] {"double", "double"}));

    /** Typedefs that are {@code va_list}, whatever the platform makes of them. */
    private static final Set<String> VA_LIST = Set.of("va_list", "__gnuc_va_list", "__builtin_va_list");

    private final Map<String, String> typedefs;

    CTypeMapping(Map<String, String> typedefs) {
        this.typedefs = typedefs;
    }

    /** A function's parameter; {@code callbackName} names its interface when its type is no typedef. */
    Mapped parameter(ClangType declared, String callbackName) {
        ClangType type = resolve(declared, new HashSet<>());
        if (type.unqualified() instanceof ClangType.Array array) {
            type = new ClangType.Pointer(array.element()); // a parameter array is a pointer, as in C
        }
        return map(declared, type, callbackName, false);
    }

    /** A function's result. */
    Mapped result(ClangType declared) {
        ClangType type = resolve(declared, new HashSet<>());
        if (type.unqualified() instanceof ClangType.Pointer pointer && !isConstChar(pointer.pointee())) {
            return new Mapped(pointer(pointer.pointee()), "MemorySegment", null);
        }
        return map(declared, type, null, false);
    }

    /** The callback a typedef of a function pointer (or of a function) stands for; null when it is none. */
    Callback callbackTypedef(String name) {
        ClangType type = resolve(new ClangType.Named(name), new HashSet<>()).unqualified();
        if (type instanceof ClangType.Pointer pointer && pointer.pointee().unqualified() instanceof ClangType.Function function) {
            return callback(JavaNames.typeName(name), function);
        }
        if (type instanceof ClangType.Function function) {
            return callback(JavaNames.typeName(name), function);
        }
        return null;
    }

    private Mapped map(ClangType declared, ClangType type, String callbackName, boolean inCallback) {
        ClangType bare = type.unqualified();
        return switch (bare) {
            case ClangType.Builtin builtin -> {
                String[] scalar = SCALARS.get(builtin.name());
                if (scalar == null) {
                    throw new Unsupported(builtin.name() + " has no counterpart in the C bridges");
                }
                yield new Mapped(scalar[0], scalar[1], null);
            }
            case ClangType.Tag tag when tag.keyword().equals("enum") -> new Mapped("int", "int", null);
            case ClangType.Tag tag -> throw new Unsupported("struct by value", tag.keyword() + " " + displayName(tag) + " by value: the C bridges"
                + " pass structs and unions only by pointer");
            case ClangType.Pointer pointer -> pointerParameter(declared, pointer, callbackName, inCallback);
            case ClangType.Array array -> throw new Unsupported("an array by value (" + array + ")");
            case ClangType.Function function -> throw new Unsupported("a function by value");
            case ClangType.Named named -> throw new Unsupported("the type " + named.name() + " is not defined");
            case ClangType.Const c -> throw new IllegalStateException("unqualified type still const: " + c);
        };
    }

    private Mapped pointerParameter(ClangType declared, ClangType.Pointer pointer, String callbackName, boolean inCallback) {
        ClangType pointee = pointer.pointee().unqualified();
        if (pointee instanceof ClangType.Function function) {
            if (inCallback) {
                return new Mapped("void*", "MemorySegment", null);
            }
            String name = callbackName;
            if (declared.unqualified() instanceof ClangType.Named typedef && callbackTypedef(typedef.name()) != null) {
                name = JavaNames.typeName(typedef.name());
            }
            Callback callback = callback(name, function);
            return new Mapped(callback.returns().c(), name, callback);
        }
        String c = pointer(pointer.pointee());
        if (inCallback) {
            return new Mapped(c, "MemorySegment", null);
        }
        if (isConstChar(pointer.pointee())) {
            return new Mapped(c, "String", null);
        }
        return switch (pointee) {
            case ClangType.Builtin builtin when builtin.name().equals("char") -> new Mapped(c, "byte[]", null);
            case ClangType.Builtin builtin when builtin.name().equals("void") || builtin.name().equals("_Bool") ->
                new Mapped(c, "MemorySegment", null);
            case ClangType.Builtin builtin -> new Mapped(c, SCALARS.get(builtin.name())[1] + "[]", null);
            case ClangType.Tag tag when tag.keyword().equals("enum") -> new Mapped(c, "int[]", null);
            case ClangType.Pointer p -> new Mapped(c, "long[]", null);
            default -> new Mapped(c, "MemorySegment", null);
        };
    }

    /** A pointer to this type as the signature writes it: opaque pointees are {@code void}. */
    private String pointer(ClangType pointee) {
        String constant = pointee.isConst() ? "const " : "";
        return switch (pointee.unqualified()) {
            case ClangType.Builtin builtin -> {
                String[] scalar = SCALARS.get(builtin.name());
                if (scalar == null) {
                    throw new Unsupported("a pointer to " + builtin.name() + " has no counterpart in the C bridges");
                }
                yield constant + scalar[0] + "*";
            }
            case ClangType.Tag tag when tag.keyword().equals("enum") -> constant + "int*";
            case ClangType.Pointer inner when inner.pointee().unqualified() instanceof ClangType.Function -> "void**";
            case ClangType.Pointer inner -> pointer(inner.pointee()) + "*";
            default -> constant + "void*";
        };
    }

    private Callback callback(String name, ClangType.Function function) {
        if (function.variadic()) {
            throw new Unsupported("the callback " + name + " is variadic (...)");
        }
        Mapped returns = function.returns().unqualified() instanceof ClangType.Pointer p
            ? new Mapped(pointer(p.pointee()), "MemorySegment", null)
            : map(function.returns(), resolve(function.returns(), new HashSet<>()), null, true);
        List<Mapped> params = new ArrayList<>();
        for (ClangType param : function.params()) {
            ClangType resolved = resolve(param, new HashSet<>());
            if (resolved.unqualified() instanceof ClangType.Array array) {
                resolved = new ClangType.Pointer(array.element());
            }
            params.add(map(param, resolved, null, true));
        }
        return new Callback(name, returns, params);
    }

    /** Replaces typedef names by what they stand for, all the way down. */
    ClangType resolve(ClangType type, Set<String> seen) {
        return switch (type) {
            case ClangType.Named named -> {
                if (VA_LIST.contains(named.name())) {
                    throw new Unsupported("va_list: the C bridges cannot make one");
                }
                String target = typedefs.get(named.name());
                if (target == null) {
                    throw new Unsupported("the type " + named.name() + " is not defined (is an include or -D missing?)");
                }
                if (!seen.add(named.name())) {
                    throw new Unsupported("the typedef " + named.name() + " refers to itself");
                }
                ClangType resolved = resolve(ClangTypeParser.parse(target), seen);
                seen.remove(named.name());
                yield resolved;
            }
            case ClangType.Const c -> new ClangType.Const(resolve(c.type(), seen));
            case ClangType.Pointer p -> new ClangType.Pointer(resolve(p.pointee(), seen));
            case ClangType.Array a -> new ClangType.Array(resolve(a.element(), seen), a.size());
            case ClangType.Function f -> new ClangType.Function(resolve(f.returns(), seen),
                f.params().stream().map(p -> resolve(p, seen)).toList(), f.variadic());
            default -> type;
        };
    }

    private static boolean isConstChar(ClangType pointee) {
        return pointee.isConst() && pointee.unqualified().equals(new ClangType.Builtin("char"));
    }

    private static String displayName(ClangType.Tag tag) {
        return tag.name().startsWith("(") ? "(anonymous)" : tag.name();
    }
}
