package io.ggen.ffi.memory;

import io.ggen.ffi.api.ForeignHandle;
import java.lang.foreign.MemorySegment;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A block of native memory owned by a bundle. {@link #language()} is {@code "c"}; {@link
 * #typeName()} is its kind ({@value NativeMemory#NATIVE_MEMORY}, or what {@link NativeMemory#adopt}
 * was told, e.g. {@code "char*"}).
 *
 * <p>{@link #release()} frees the memory once; releasing again is a no-op, from any thread. Keep the
 * block reachable for as long as the memory is used: a {@link #segment()} alone does not keep it
 * alive, and a block that becomes unreachable unreleased is freed by the leak detector.
 */
@ProviderType
public interface NativeBlock extends ForeignHandle {

    /**
     * The memory: its address and size.
     *
     * @throws IllegalStateException once the block is released
     */
    MemorySegment segment();

    /** The address of the memory (still answers after release, for messages). */
    long address();

    /** The size in bytes. */
    long size();

    /** The symbolic name of the bundle that owns the block. */
    String owner();
}
