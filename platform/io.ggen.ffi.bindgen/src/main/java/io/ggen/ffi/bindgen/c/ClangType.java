package io.ggen.ffi.bindgen.c;

import java.util.List;

/**
 * A C type as clang spells it ({@code const Bytef *}, {@code int (*)(void *, int)}), read by
 * {@link ClangTypeParser}; typedef names stay names until {@link ClangTypes#resolve} looks them up.
 */
sealed interface ClangType {

    /** A builtin type in clang's spelling: {@code int}, {@code unsigned long}, {@code _Bool}, {@code long double}. */
    record Builtin(String name) implements ClangType {
    }

    /** A typedef's name, e.g. {@code uLong} or {@code size_t}. */
    record Named(String name) implements ClangType {
    }

    /** {@code struct NAME}, {@code union NAME} or {@code enum NAME} (the name may be clang's {@code (unnamed ...)}). */
    record Tag(String keyword, String name) implements ClangType {
    }

    /** A {@code const}-qualified type. */
    record Const(ClangType type) implements ClangType {
    }

    record Pointer(ClangType pointee) implements ClangType {
    }

    /** An array; {@code size} is -1 when not given. */
    record Array(ClangType element, long size) implements ClangType {
    }

    /** A function type; {@code variadic} when its parameters end with {@code ...}. */
    record Function(ClangType returns, List<ClangType> params, boolean variadic) implements ClangType {

        public Function {
            params = List.copyOf(params);
        }
    }

    /** The type without a top-level {@code const}. */
    default ClangType unqualified() {
        return this instanceof Const c ? c.type().unqualified() : this;
    }

    /** Whether the type is {@code const} at the top level. */
    default boolean isConst() {
        return this instanceof Const;
    }
}
