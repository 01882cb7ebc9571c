package io.ggen.ffi.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The memo of pure function results (see {@link CallOptions#PURE}): its figures, and a way to
 * empty it. Provided by the caching bundle when it is installed.
 */
@ProviderType
public interface CallCache {

    /** The figures since the cache was created. */
    Stats stats();

    /** Forgets every memoized result. */
    void invalidateAll();

    /**
     * The functions with memoized results now, sorted by bridge, module and function.
     *
     * @since 1.1
     */
    default List<FunctionEntries> functions() {
        return List.of();
    }

    /**
     * Forgets the memoized results of one function (of every generation of its module).
     *
     * @param bridge the bridge name
     * @param module the module, as {@link ModuleSpec#describe()} gives it
     * @param function the function name
     * @return how many results it dropped
     * @since 1.1
     */
    default long invalidate(String bridge, String module, String function) {
        return 0;
    }

    /**
     * @param bridge the bridge name
     * @param module the module, as {@link ModuleSpec#describe()} gives it
     * @param function the function name
     * @param entries its results held now
     * @since 1.1
     */
    record FunctionEntries(String bridge, String module, String function, long entries) {
    }

    /**
     * @param entries results held now (an estimate)
     * @param maxEntries the bound on {@code entries}
     * @param hits calls answered from the cache
     * @param misses pure calls that went to the bridge and were memoized
     * @param bypassed pure calls whose arguments or result cannot be cached (handles, too large)
     * @param evictions results dropped for size or age
     * @param invalidations results dropped because their module was reloaded or on request
     * @param loadNanos the time the misses spent in the bridge, summed
     */
    record Stats(long entries, long maxEntries, long hits, long misses, long bypassed, long evictions,
                 long invalidations, long loadNanos) {

        /** Hits over hits and misses; 0 before any call. */
        public double hitRate() {
            long lookups = hits + misses;
            return lookups == 0 ? 0 : (double) hits / lookups;
        }

        /** The mean time of a miss in nanoseconds; 0 without misses. */
        public double meanLoadNanos() {
            return misses == 0 ? 0 : (double) loadNanos / misses;
        }
    }
}
