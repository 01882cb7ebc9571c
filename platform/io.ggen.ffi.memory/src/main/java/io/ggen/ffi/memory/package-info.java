/**
 * Native memory owned by bundles.
 *
 * <p>A bundle gets its own {@link io.ggen.ffi.memory.NativeMemory} (a bundle-scoped service) and
 * {@link io.ggen.ffi.memory.NativeMemory#allocate allocates} {@link io.ggen.ffi.memory.NativeBlock
 * blocks} from it, or {@link io.ggen.ffi.memory.NativeMemory#adopt adopts} memory that native code
 * handed over. A block is released with {@link io.ggen.ffi.memory.NativeBlock#release()} (or
 * try-with-resources); one that becomes unreachable unreleased is freed by a {@link
 * java.lang.ref.Cleaner} and reported as a {@link io.ggen.ffi.memory.LeakReport leak}; whatever a
 * bundle still holds is freed when it stops. {@link io.ggen.ffi.memory.NativeMemoryMonitor} shows
 * live memory per bundle and the latest leaks; {@link io.ggen.ffi.memory.LeakDetection} says how
 * much leak detection costs.
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
