package io.ggen.ffi.bridge.rpc.internal;

import java.util.List;

/**
 * A component of this bundle that runs worker pools: the RPC bridge (worker programs) and the
 * process isolator (isolates). Registered as a service of this bundle-internal type besides its
 * own, so that {@link RpcProcessPools} lists their pools for management.
 */
public interface PoolOwner {

    /** Its pools running now, with how many modules use each. */
    List<OwnedPool> ownedPools();

    /**
     * @param pool a running pool
     * @param modules the modules using it now
     */
    record OwnedPool(WorkerPool pool, int modules) {
    }
}
