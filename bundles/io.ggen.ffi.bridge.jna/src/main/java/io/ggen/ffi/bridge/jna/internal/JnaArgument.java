package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CPointer;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import io.ggen.ffi.memory.NativeBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pointer argument of one call: what C gets, and for a pointer C may write ({@code int*},
 * {@code uint8_t*}, {@code char*}), what it holds after the call. The value rules are the Panama
 * bridge's ({@code PointerArgument}): {@code null}; a handle to native memory passed as it is; a
 * string for {@code char*} (UTF-8, NUL-checked, encoded here rather than by JNA); bytes, copied in and
 * out; a number N for a pointer to bytes: N zero bytes; a number for a pointer to a wider scalar: one
 * element; a list of numbers: an array; a {@link CCallback} for a function pointer. Memory made here
 * is a JNA {@link Memory} in the call's list, closed when the call returns.
 */
final class JnaArgument {

    private enum Shape { PASSED, STRING, BYTES, ELEMENT, ARRAY }

    private final CParam param;
    private final Object carrier;
    private final Shape shape;
    private final long length;

    private JnaArgument(CParam param, Object carrier, Shape shape, long length) {
        this.param = param;
        this.carrier = carrier;
        this.shape = shape;
        this.length = length;
    }

    static JnaArgument of(CParam param, ForeignValue value, String function, List<Memory> memories, List<JnaCallback> callbacks) {
        CType type = param.type();
        String name = param.name();
        if (value instanceof ForeignValue.NullValue) {
            return passed(param, null);
        }
        if (value instanceof ForeignValue.HandleValue h && h.handle() instanceof CCallback callback
            && type.kind() == CType.Kind.FUNCTION_POINTER) {
            JnaCallback proxy = JnaCallback.of(callback, type, name, function);
            callbacks.add(proxy);
            return passed(param, proxy);
        }
        if (type.kind() == CType.Kind.FUNCTION_POINTER) {
            throw new ForeignArgumentException("c", "argument '" + name + "' of " + function
                + " is a function pointer: pass a CCallback handle, or null");
        }
        if (value instanceof ForeignValue.HandleValue h) {
            return passed(param, handlePointer(h, type, name, function));
        }
        CType pointee = type.pointee();
        boolean bytesPointee = pointee.kind() == CType.Kind.VOID || pointee.size() == 1;
        return switch (value) {
            case ForeignValue.StringValue s when type.isString() -> {
                byte[] utf8 = CStrings.utf8(s.value(), name, function);
                yield new JnaArgument(param, copy(withNul(utf8), memories), Shape.STRING, utf8.length + 1);
            }
            case ForeignValue.BytesValue b -> {
                byte[] bytes = type.isString() ? withNul(b.value()) : b.value();
                yield new JnaArgument(param, copy(bytes, memories), Shape.BYTES, bytes.length);
            }
            case ForeignValue.IntValue n when bytesPointee -> {
                if (n.value() < 0 || n.value() > Integer.MAX_VALUE) {
                    throw new ForeignArgumentException("c", "argument '" + name + "' of " + function
                        + ": a buffer of " + n.value() + " bytes cannot be made");
                }
                yield new JnaArgument(param, allocate(n.value(), memories), type.isString() ? Shape.STRING : Shape.BYTES, n.value());
            }
            case ForeignValue.ListValue list when pointee.kind() != CType.Kind.POINTER && pointee.kind() != CType.Kind.VOID -> {
                Memory array = allocate((long) list.size() * pointee.size(), memories);
                for (int i = 0; i < list.size(); i++) {
                    JnaTypes.write(array, (long) i * pointee.size(),
                        JnaTypes.toScalar(list.get(i), pointee, name + "[" + i + "]", function));
                }
                yield new JnaArgument(param, array, Shape.ARRAY, list.size());
            }
            case ForeignValue.IntValue _, ForeignValue.FloatValue _, ForeignValue.BoolValue _, ForeignValue.BigIntValue _
                when pointee.isInteger() || pointee.isFloatingPoint() -> {
                Memory element = allocate(pointee.size(), memories);
                JnaTypes.write(element, 0, JnaTypes.toScalar(value, pointee, name, function));
                yield new JnaArgument(param, element, Shape.ELEMENT, 1);
            }
            default -> throw CValues.mismatch(value, type, name, function);
        };
    }

    /** The address behind a handle to native memory: a block the caller owns, or a pointer C returned. */
    static Pointer handlePointer(ForeignValue.HandleValue value, CType type, String name, String function) {
        return switch (value.handle()) {
            case NativeBlock block when block.isReleased() -> throw new ForeignArgumentException("c", "argument '" + name
                + "' of " + function + " is a released block of native memory (" + block.typeName() + ")");
            case NativeBlock block -> new Pointer(block.address());
            case CPointer pointer -> new Pointer(pointer.address());
            default -> throw CValues.mismatch(value, type, name, function);
        };
    }

    private static JnaArgument passed(CParam param, Object carrier) {
        return new JnaArgument(param, carrier, Shape.PASSED, 0);
    }

    /** Zeroed memory of at least one byte (JNA makes no empty {@link Memory}). */
    private static Memory allocate(long size, List<Memory> memories) {
        Memory memory = new Memory(Math.max(1, size));
        memories.add(memory);
        memory.clear();
        return memory;
    }

    private static Memory copy(byte[] bytes, List<Memory> memories) {
        Memory memory = allocate(bytes.length, memories);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static byte[] withNul(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** What JNA passes: a {@link Pointer}, {@code null}, or a {@link JnaCallback}. */
    Object carrier() {
        return carrier;
    }

    String name() {
        return param.name();
    }

    /** Whether C may have written to memory the bridge made, so that the caller gets it back. */
    boolean isOut() {
        return shape != Shape.PASSED && param.type().isOutPointer();
    }

    /** What the memory holds after the call. */
    ForeignValue after(CStrings.InvalidUtf8 policy, String function) {
        Memory memory = (Memory) carrier;
        CType pointee = param.type().pointee();
        return switch (shape) {
            case STRING -> {
                byte[] bytes = memory.getByteArray(0, (int) length);
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                yield ForeignValue.of(CStrings.decode(Arrays.copyOf(bytes, end), policy, function));
            }
            case BYTES -> ForeignValue.of(memory.getByteArray(0, (int) length));
            case ELEMENT -> JnaTypes.read(memory, 0, pointee);
            case ARRAY -> {
                List<ForeignValue> values = new ArrayList<>((int) length);
                for (long i = 0; i < length; i++) {
                    values.add(JnaTypes.read(memory, i * pointee.size(), pointee));
                }
                yield ForeignValue.list(values);
            }
            case PASSED -> throw new IllegalStateException("memory the caller passed is the caller's to read");
        };
    }
}
