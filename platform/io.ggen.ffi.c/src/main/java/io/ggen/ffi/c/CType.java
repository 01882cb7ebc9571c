package io.ggen.ffi.c;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A C type as the C bridges understand it: a scalar, a pointer to another type, or a pointer to a
 * function (a callback). Sizes are those of Linux on x86-64 and AArch64 (LP64).
 *
 * @param kind what it is
 * @param constant whether it was declared {@code const} (for pointers: whether the pointee is)
 * @param pointee for {@link Kind#POINTER}: the type pointed to; else {@code null}
 * @param function for {@link Kind#FUNCTION_POINTER}: the callback's signature; else {@code null}
 */
@ProviderType
public record CType(Kind kind, boolean constant, CType pointee, CSignature function) {

    /** The kinds of C types. {@code char} is {@link #CHAR}, so that {@code char*} is a string. */
    public enum Kind {
        VOID(0, "void"), BOOL(1, "bool"), CHAR(1, "char"),
        INT8(1, "int8_t"), UINT8(1, "uint8_t"), INT16(2, "int16_t"), UINT16(2, "uint16_t"),
        INT32(4, "int32_t"), UINT32(4, "uint32_t"), INT64(8, "int64_t"), UINT64(8, "uint64_t"),
        FLOAT(4, "float"), DOUBLE(8, "double"), POINTER(8, "*"), FUNCTION_POINTER(8, "(*)()");

        private final int size;
        private final String cName;

        Kind(int size, String cName) {
            this.size = size;
            this.cName = cName;
        }

        /** Size in bytes. */
        public int size() {
            return size;
        }
    }

    public static final CType VOID = scalar(Kind.VOID);
    public static final CType BOOL = scalar(Kind.BOOL);
    public static final CType INT32 = scalar(Kind.INT32);
    public static final CType UINT64 = scalar(Kind.UINT64);
    public static final CType DOUBLE = scalar(Kind.DOUBLE);
    /** {@code const char*}: a string the callee reads. */
    public static final CType CONST_STRING = pointerTo(new CType(Kind.CHAR, true, null, null));
    /** {@code char*} as a return type: a string the library allocated and the caller frees. */
    public static final CType STRING = pointerTo(scalar(Kind.CHAR));
    public static final CType VOID_POINTER = pointerTo(VOID);

    public CType {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.POINTER) != (pointee != null)) {
            throw new IllegalArgumentException("a pointer type, and only a pointer type, has a pointee");
        }
        if ((kind == Kind.FUNCTION_POINTER) != (function != null)) {
            throw new IllegalArgumentException("a function pointer type, and only one, has a signature");
        }
    }

    public static CType scalar(Kind kind) {
        return new CType(kind, false, null, null);
    }

    public static CType pointerTo(CType pointee) {
        return new CType(Kind.POINTER, false, pointee, null);
    }

    public static CType functionPointer(CSignature signature) {
        return new CType(Kind.FUNCTION_POINTER, false, null, signature);
    }

    /** The same type, {@code const}. */
    public CType asConst() {
        return new CType(kind, true, pointee, function);
    }

    public boolean isPointer() {
        return kind == Kind.POINTER;
    }

    /** {@code char*} or {@code const char*}: a NUL-terminated UTF-8 string. */
    public boolean isString() {
        return kind == Kind.POINTER && pointee.kind == Kind.CHAR;
    }

    /**
     * A pointer whose pointee the callee may write: {@code int*}, {@code uint8_t*}, {@code void*},
     * {@code char*}. Its contents after the call are part of the call's result.
     */
    public boolean isOutPointer() {
        return kind == Kind.POINTER && !pointee.constant && pointee.kind != Kind.POINTER
            && pointee.kind != Kind.FUNCTION_POINTER;
    }

    public boolean isInteger() {
        return switch (kind) {
            case BOOL, CHAR, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> true;
            default -> false;
        };
    }

    public boolean isFloatingPoint() {
        return kind == Kind.FLOAT || kind == Kind.DOUBLE;
    }

    public boolean isUnsigned() {
        return switch (kind) {
            case BOOL, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    /** Size in bytes; pointers are 8. */
    public int size() {
        return kind.size();
    }

    /** The type as C would write it, e.g. {@code const char*}. */
    @Override
    public String toString() {
        return switch (kind) {
            case POINTER -> pointee + "*";
            case FUNCTION_POINTER -> function.returns() + " (*)" + function.parameterList();
            default -> (constant ? "const " : "") + kind.cName;
        };
    }
}
