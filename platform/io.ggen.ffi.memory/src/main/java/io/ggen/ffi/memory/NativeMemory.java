package io.ggen.ffi.memory;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Native memory for one bundle. A bundle-scoped service: each bundle that gets it has its own, and
 * owns what it allocates. Blocks are tracked until released; the ones still live when the bundle
 * releases the service (at the latest when it stops) are freed then.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface NativeMemory {

    /** The {@link NativeBlock#typeName()} of blocks from {@link #allocate}. */
    String NATIVE_MEMORY = "native memory";

    /**
     * Allocates a zero-filled block aligned to 16 bytes.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws OutOfMemoryError if the C library has no memory left
     * @throws IllegalStateException if the bundle has released this service
     */
    NativeBlock allocate(long size);

    /**
     * Allocates a zero-filled block aligned to {@code alignment} bytes.
     *
     * @throws IllegalArgumentException if {@code size} is negative or {@code alignment} is not a
     *     power of two
     * @throws OutOfMemoryError if the C library has no memory left
     * @throws IllegalStateException if the bundle has released this service
     */
    NativeBlock allocate(long size, long alignment);

    /**
     * Takes ownership of memory that native code allocated (e.g. a {@code char*} a library
     * returned): it is tracked like the rest and handed to {@code free} once, when the block is
     * released, when it leaks (the {@code Cleaner}) or when the bundle stops.
     *
     * @param segment the memory: its address and size ({@code reinterpret} it to the right size first)
     * @param kind what it is, for listings and leak reports, e.g. {@code "char*"}
     * @param free how to free it, e.g. a downcall to the library's own {@code free}; called at most once
     * @throws IllegalArgumentException if {@code segment} is {@link MemorySegment#NULL} or not native
     * @throws IllegalStateException if the bundle has released this service
     */
    NativeBlock adopt(MemorySegment segment, String kind, Consumer<MemorySegment> free);

    /** This bundle's live memory and counts. */
    MemoryUsage usage();
}
