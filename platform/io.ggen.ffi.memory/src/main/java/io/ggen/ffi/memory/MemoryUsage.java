package io.ggen.ffi.memory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A bundle's native memory: what is live now and what happened so far.
 *
 * @param owner the bundle's symbolic name
 * @param bundleId the bundle's id
 * @param liveBlocks blocks allocated or adopted and not yet freed
 * @param liveBytes their size
 * @param allocatedBlocks blocks allocated or adopted so far
 * @param releasedBlocks blocks freed by {@link NativeBlock#release()} or when the bundle released the service
 * @param leakedBlocks blocks that became unreachable unreleased and were freed by the leak detector
 */
@ProviderType
public record MemoryUsage(String owner, long bundleId, long liveBlocks, long liveBytes, long allocatedBlocks,
                          long releasedBlocks, long leakedBlocks) {
}
