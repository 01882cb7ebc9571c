package io.ggen.ffi.memory.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The C library's {@code calloc}, {@code aligned_alloc} and {@code free}, as Panama downcalls looked
 * up once in the native linker's default library.
 */
final class LibcAllocator {

    /** What {@code calloc} guarantees on 64-bit glibc, musl and macOS: larger alignments go to {@code aligned_alloc}. */
    static final long CALLOC_ALIGNMENT = 16;

    private static final MethodHandle CALLOC;
    private static final MethodHandle ALIGNED_ALLOC;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        CALLOC = linker.downcallHandle(find(libc, "calloc"), FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG));
        ALIGNED_ALLOC = linker.downcallHandle(find(libc, "aligned_alloc"), FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG));
        FREE = linker.downcallHandle(find(libc, "free"), FunctionDescriptor.ofVoid(ADDRESS));
    }

    private LibcAllocator() {
    }

    private static MemorySegment find(SymbolLookup libc, String name) {
        return libc.find(name).orElseThrow(() ->
            new IllegalStateException("the C library has no " + name + "(): native memory cannot be allocated here"));
    }

    /**
     * Allocates {@code size} zero-filled bytes aligned to {@code alignment} (a power of two).
     *
     * @return the address
     * @throws OutOfMemoryError if the C library returned NULL
     */
    static long allocate(long size, long alignment) {
        long bytes = Math.max(size, 1);   // calloc(0) may return NULL, which is not a failure
        MemorySegment memory;
        try {
            if (alignment <= CALLOC_ALIGNMENT) {
                memory = (MemorySegment) CALLOC.invokeExact(1L, bytes);
            } else {
                // C11 wants the size to be a multiple of the alignment
                long rounded = (bytes + alignment - 1) & -alignment;
                memory = (MemorySegment) ALIGNED_ALLOC.invokeExact(alignment, rounded);
                if (!memory.equals(MemorySegment.NULL)) {
                    memory.reinterpret(rounded).fill((byte) 0);
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("native allocation of " + size + " bytes failed", e);
        }
        if (memory.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("the C library could not allocate " + size + " bytes aligned to " + alignment);
        }
        return memory.address();
    }

    /** Frees what {@link #allocate} returned. */
    static void free(MemorySegment memory) {
        try {
            FREE.invokeExact(memory);
        } catch (Throwable e) {
            throw new IllegalStateException("free() of " + memory + " failed", e);
        }
    }
}
