package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import java.util.List;
import java.util.Map;

/**
 * How strings and bytes cross into and out of a module's linear memory (see the README): the host
 * copies an argument into memory that the module's allocator gives ({@code alloc(len) -> ptr}, else
 * {@code malloc}) and passes {@code (ptr, len)}; it frees it after the call with the module's
 * {@code dealloc(ptr, len)} (else {@code free(ptr)}), when the module exports one. A string result
 * comes back as an i64 {@code ptr << 32 | len} or as two i32 results {@code (ptr, len)}, and is freed
 * the same way unless the function's {@code free.NAME=none} says the module keeps it.
 *
 * @param alloc the allocator's name, or null when the module exports none
 * @param dealloc the deallocator's name, or null when the module exports none
 * @param deallocTakesLength whether the deallocator takes {@code (ptr, len)} rather than {@code (ptr)}
 */
record MemoryConvention(String alloc, String dealloc, boolean deallocTakesLength) {

    static final String ALLOC_OPTION = "memory.alloc";
    static final String DEALLOC_OPTION = "memory.dealloc";

    private static final FunctionType ALLOC_TYPE = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final FunctionType DEALLOC_TYPE = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of());
    private static final FunctionType FREE_TYPE = FunctionType.of(List.of(ValType.I32), List.of());

    /**
     * The module's allocator and deallocator: those the options {@value #ALLOC_OPTION} and
     * {@value #DEALLOC_OPTION} name, else {@code alloc}/{@code malloc} and {@code dealloc}/{@code free}
     * when exported.
     *
     * @throws ForeignArgumentException a named function is not exported or has the wrong type
     */
    static MemoryConvention of(WasmAnatomy anatomy, Map<String, String> options) {
        String alloc = pick(anatomy, options.get(ALLOC_OPTION), ALLOC_OPTION, "alloc", "malloc");
        String dealloc = pick(anatomy, options.get(DEALLOC_OPTION), DEALLOC_OPTION, "dealloc", "free");
        if (alloc != null) {
            FunctionType type = anatomy.exportType(alloc).orElseThrow();
            if (!type.equals(ALLOC_TYPE)) {
                throw wrongType(alloc, type, "(i32 len) -> i32 ptr");
            }
        }
        boolean takesLength = false;
        if (dealloc != null) {
            FunctionType type = anatomy.exportType(dealloc).orElseThrow();
            takesLength = type.equals(DEALLOC_TYPE);
            if (!takesLength && !type.equals(FREE_TYPE)) {
                throw wrongType(dealloc, type, "(i32 ptr, i32 len) -> () or (i32 ptr) -> ()");
            }
        }
        return new MemoryConvention(alloc, dealloc, takesLength);
    }

    private static String pick(WasmAnatomy anatomy, String named, String option, String first, String second) {
        if (named != null) {
            String name = named.strip();
            if (!anatomy.exports(name)) {
                throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "the module option " + option + " names "
                    + name + ", which the module does not export; it exports: " + String.join(", ", anatomy.functionNames()));
            }
            return name;
        }
        return anatomy.exports(first) ? first : anatomy.exports(second) ? second : null;
    }

    private static ForeignArgumentException wrongType(String name, FunctionType type, String expected) {
        return new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "the module's " + name + " is "
            + WasmAnatomy.signature(name, type) + ", but the memory convention needs " + name + expected
            + "; name another with the module options " + ALLOC_OPTION + " and " + DEALLOC_OPTION);
    }

    /**
     * Copies bytes into the instance's memory through the allocator.
     *
     * @param terminate whether to add a NUL after them (strings: C code may use strlen)
     * @return the pointer; 0 for nothing to copy (no bytes, no NUL)
     * @throws ForeignException the module exports no allocator, or it returned 0 or memory outside its own
     */
    int copyIn(PooledInstance instance, byte[] bytes, boolean terminate, String function) {
        int size = bytes.length + (terminate ? 1 : 0);
        if (size == 0) {
            return 0;
        }
        if (alloc == null) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, function + " is passed a string or bytes,"
                + " which the bridge copies into the module's memory through its allocator; but the module exports no"
                + " alloc(i32 len) -> i32 ptr (nor malloc): export one, or name it with the module option " + ALLOC_OPTION);
        }
        int ptr = (int) instance.call(alloc, size)[0];
        if (ptr == 0) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "MemoryLimit", alloc + "(" + size + ") returned 0 (out"
                + " of memory) for an argument of " + function + "; the memory has " + instance.memory().pages()
                + " pages, at most " + instance.limitPages() + " (the module option " + WasmSettings.MAX_PAGES + ")");
        }
        checkInside(instance, ptr, size, alloc + "(" + size + ")");
        instance.memory().write(ptr, bytes, 0, bytes.length);
        if (terminate) {
            instance.memory().writeByte(ptr + bytes.length, (byte) 0);
        }
        return ptr;
    }

    /** Frees what {@link #copyIn} or the guest allocated, when the module exports a deallocator. */
    void free(PooledInstance instance, int ptr, int size) {
        if (dealloc == null || ptr == 0) {
            return;
        }
        if (deallocTakesLength) {
            instance.call(dealloc, ptr, size);
        } else {
            instance.call(dealloc, ptr);
        }
    }

    /** The bytes a function returned as {@code (ptr, len)}. */
    static byte[] copyOut(PooledInstance instance, int ptr, int len, String function) {
        if (len == 0) {
            return new byte[0];
        }
        checkInside(instance, ptr, len, function);
        return instance.memory().readBytes(ptr, len);
    }

    private static void checkInside(PooledInstance instance, int ptr, int len, String what) {
        long end = Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(len);
        long size = (long) instance.memory().pages() * com.dylibso.chicory.runtime.Memory.PAGE_SIZE;
        if (end > size) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "BadPointer", what + " gave ptr="
                + Integer.toUnsignedString(ptr) + ", len=" + Integer.toUnsignedString(len) + ", past the end of the"
                + " module's memory (" + size + " bytes)");
        }
    }
}
