package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * C types as Panama sees them (layouts) and values read from and written to memory; the carriers are
 * {@link CValues}'s, which converts scalars both ways.
 */
final class NativeTypes {

    private NativeTypes() {
    }

    /** The layout of a C type; {@code null} for {@code void}. */
    static MemoryLayout layout(CType type) {
        return switch (type.kind()) {
            case VOID -> null;
            case BOOL -> ValueLayout.JAVA_BOOLEAN;
            case CHAR, INT8, UINT8 -> ValueLayout.JAVA_BYTE;
            case INT16, UINT16 -> ValueLayout.JAVA_SHORT;
            case INT32, UINT32 -> ValueLayout.JAVA_INT;
            case INT64, UINT64 -> ValueLayout.JAVA_LONG;
            case FLOAT -> ValueLayout.JAVA_FLOAT;
            case DOUBLE -> ValueLayout.JAVA_DOUBLE;
            case POINTER, FUNCTION_POINTER -> ValueLayout.ADDRESS;
        };
    }

    /** A value a C function returned, from its carrier class; a pointer as its address. */
    static ForeignValue fromScalar(Object carrier, CType type) {
        return type.kind() == CType.Kind.POINTER || type.kind() == CType.Kind.FUNCTION_POINTER
            ? ForeignValue.of(((MemorySegment) carrier).address())
            : CValues.fromScalar(carrier, type);
    }

    /** Reads one element of a scalar type at an address, for out-parameters and callbacks. */
    static ForeignValue read(MemorySegment at, CType type) {
        MemoryLayout layout = layout(type);
        Object carrier = switch (layout) {
            case ValueLayout.OfBoolean l -> at.get(l, 0);
            case ValueLayout.OfByte l -> at.get(l, 0);
            case ValueLayout.OfShort l -> at.get(l, 0);
            case ValueLayout.OfInt l -> at.get(l, 0);
            case ValueLayout.OfLong l -> at.get(l, 0);
            case ValueLayout.OfFloat l -> at.get(l, 0);
            case ValueLayout.OfDouble l -> at.get(l, 0);
            case java.lang.foreign.AddressLayout l -> at.get(l, 0);
            default -> throw new IllegalArgumentException("no scalar layout for " + type);
        };
        return fromScalar(carrier, type);
    }

    /** Writes one element of a scalar type at an address. */
    static void write(MemorySegment at, long offset, CType type, Object carrier) {
        switch (carrier) {
            case Boolean b -> at.set(ValueLayout.JAVA_BOOLEAN, offset, b);
            case Byte b -> at.set(ValueLayout.JAVA_BYTE, offset, b);
            case Short s -> at.set(ValueLayout.JAVA_SHORT, offset, s);
            case Integer i -> at.set(ValueLayout.JAVA_INT, offset, i);
            case Long l -> at.set(ValueLayout.JAVA_LONG, offset, l);
            case Float f -> at.set(ValueLayout.JAVA_FLOAT, offset, f);
            case Double d -> at.set(ValueLayout.JAVA_DOUBLE, offset, d);
            default -> throw new IllegalArgumentException("cannot write " + carrier + " as " + type);
        }
    }
}
