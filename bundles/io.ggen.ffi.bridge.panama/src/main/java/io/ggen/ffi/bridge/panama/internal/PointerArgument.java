package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CPointer;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import io.ggen.ffi.memory.NativeBlock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A pointer argument of one call, in the call's arena: what C gets, and for a pointer C may write
 * ({@code int*}, {@code uint8_t*}, {@code char*}), what it holds after the call.
 *
 * <p>What a caller passes for a pointer: {@code null}; a handle to native memory it owns (a
 * {@link NativeBlock}, or a pointer a C function returned), passed as it is; a string for
 * {@code char*}; bytes (copied in, and out again); for a pointer to bytes ({@code void*},
 * {@code uint8_t*}, non-const {@code char*}) a number N: a buffer of N zero bytes; for a pointer to a
 * wider scalar ({@code int*}, {@code size_t*}, {@code double*}) a number: one element holding it; a
 * list of numbers: an array; for a function pointer a {@link CCallback}.
 */
final class PointerArgument {

    private final CParam param;
    private final MemorySegment segment;
    private final Shape shape;

    private enum Shape { PASSED, STRING, BYTES, ELEMENT, ARRAY }

    private PointerArgument(CParam param, MemorySegment segment, Shape shape) {
        this.param = param;
        this.segment = segment;
        this.shape = shape;
    }

    /**
     * @param memory where the argument's memory comes from: the call's arena, or memory the callee keeps
     * @param arena the call's arena, where callback stubs live
     */
    static PointerArgument of(CParam param, ForeignValue value, String function, SegmentAllocator memory, Arena arena,
                              List<Upcall> upcalls) {
        CType type = param.type();
        String name = param.name();
        if (value instanceof ForeignValue.NullValue) {
            return passed(param, MemorySegment.NULL);
        }
        if (value instanceof ForeignValue.HandleValue h) {
            return switch (h.handle()) {
                case CCallback callback when type.kind() == CType.Kind.FUNCTION_POINTER ->
                    passed(param, Upcall.stub(callback, type, name, function, arena, upcalls).segment());
                case NativeBlock block when block.isReleased() -> throw new ForeignArgumentException("c", "argument '"
                    + name + "' of " + function + " is a released block of native memory (" + block.typeName() + ")");
                case NativeBlock block -> passed(param, block.segment());
                case CPointer pointer -> passed(param, MemorySegment.ofAddress(pointer.address()));
                default -> throw CValues.mismatch(value, type, name, function);
            };
        }
        if (type.kind() == CType.Kind.FUNCTION_POINTER) {
            throw new ForeignArgumentException("c", "argument '" + name + "' of " + function
                + " is a function pointer: pass a CCallback handle, or null");
        }
        CType pointee = type.pointee();
        boolean bytesPointee = pointee.kind() == CType.Kind.VOID || pointee.size() == 1;
        return switch (value) {
            case ForeignValue.StringValue s when type.isString() -> {
                CStrings.requireNoNul(s.value(), name, function);
                yield new PointerArgument(param, memory.allocateFrom(s.value()), Shape.STRING);
            }
            case ForeignValue.BytesValue b -> new PointerArgument(param,
                memory.allocateFrom(ValueLayout.JAVA_BYTE, type.isString() ? withNul(b.value()) : b.value()), Shape.BYTES);
            case ForeignValue.IntValue n when bytesPointee -> {
                if (n.value() < 0 || n.value() > Integer.MAX_VALUE) {
                    throw new ForeignArgumentException("c", "argument '" + name + "' of " + function
                        + ": a buffer of " + n.value() + " bytes cannot be made");
                }
                yield new PointerArgument(param, memory.allocate(Math.max(1, n.value())),
                    type.isString() ? Shape.STRING : Shape.BYTES);
            }
            case ForeignValue.ListValue list when pointee.kind() != CType.Kind.POINTER && pointee.kind() != CType.Kind.VOID -> {
                MemorySegment array = memory.allocate(NativeTypes.layout(pointee), Math.max(1, list.values().size()));
                for (int i = 0; i < list.values().size(); i++) {
                    NativeTypes.write(array, (long) i * pointee.size(), pointee,
                        CValues.toScalar(list.values().get(i), pointee, name + "[" + i + "]", function));
                }
                yield new PointerArgument(param, array.asSlice(0, (long) list.values().size() * pointee.size()), Shape.ARRAY);
            }
            case ForeignValue.IntValue _, ForeignValue.FloatValue _, ForeignValue.BoolValue _, ForeignValue.BigIntValue _
                when pointee.isInteger() || pointee.isFloatingPoint() -> {
                MemorySegment element = memory.allocate(NativeTypes.layout(pointee));
                NativeTypes.write(element, 0, pointee, CValues.toScalar(value, pointee, name, function));
                yield new PointerArgument(param, element, Shape.ELEMENT);
            }
            default -> throw CValues.mismatch(value, type, name, function);
        };
    }

    private static PointerArgument passed(CParam param, MemorySegment segment) {
        return new PointerArgument(param, segment, Shape.PASSED);
    }

    private static byte[] withNul(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length + 1);
    }

    MemorySegment segment() {
        return segment;
    }

    String name() {
        return param.name();
    }

    /** Whether C may have written to memory the platform made, so that the caller gets it back. */
    boolean isOut() {
        return shape != Shape.PASSED && param.type().isOutPointer();
    }

    /** What the memory holds after the call. */
    ForeignValue after(CStrings.InvalidUtf8 policy, String function) {
        CType pointee = param.type().pointee();
        return switch (shape) {
            case STRING -> ForeignValue.of(CStrings.decode(PanamaStrings.upToNul(segment), policy, function));
            case BYTES -> ForeignValue.of(segment.toArray(ValueLayout.JAVA_BYTE));
            case ELEMENT -> NativeTypes.read(segment, pointee);
            case ARRAY -> {
                List<ForeignValue> values = new ArrayList<>();
                for (long offset = 0; offset < segment.byteSize(); offset += pointee.size()) {
                    values.add(NativeTypes.read(segment.asSlice(offset), pointee));
                }
                yield ForeignValue.list(values);
            }
            case PASSED -> throw new IllegalStateException("memory the caller passed is the caller's to read");
        };
    }
}
