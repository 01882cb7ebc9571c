package io.ggen.ffi.memory;

import org.osgi.annotation.versioning.ProviderType;

/** How much the leak detector does, and so what it costs (like Netty's {@code ResourceLeakDetector.Level}). */
@ProviderType
public enum LeakDetection {
    /** No leak detection: blocks are still tracked per bundle and freed when the bundle stops. */
    DISABLED,
    /** Every block is registered with a {@code Cleaner}; leaks are reported without the allocation site. */
    SIMPLE,
    /** Like {@link #SIMPLE}, and the allocation stack of one block in {@code sampling.interval} is recorded. */
    ADVANCED,
    /** The allocation stack of every block is recorded: for finding a leak, not for production. */
    PARANOID
}
