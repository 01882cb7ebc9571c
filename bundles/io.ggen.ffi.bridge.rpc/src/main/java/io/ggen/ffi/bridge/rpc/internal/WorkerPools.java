package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.log.Logger;

/**
 * The pools of workers that modules start from a command line or an address: modules with equal
 * settings share one pool, counted; the last one to let go stops it.
 */
final class WorkerPools {

    private final String owner;
    private final Logger logger;
    private final Map<WorkerSettings, Entry> pools = new HashMap<>();
    private boolean closed;

    /**
     * @param owner what the pools serve, for messages, e.g. {@code "the RPC bridge"}
     */
    WorkerPools(String owner, Logger logger) {
        this.owner = owner;
        this.logger = logger;
    }

    private static final class Entry {
        final WorkerPool pool;
        int references;

        Entry(WorkerPool pool) {
            this.pool = pool;
        }
    }

    /**
     * The pool for these settings, made (not started) when there is none; release it when done.
     *
     * @throws BridgeUnavailableException {@link #closeAll()} ran: the owner was stopped
     */
    synchronized WorkerPool acquire(WorkerSettings settings) {
        if (closed) {
            throw new BridgeUnavailableException(settings.label(), owner + " was stopped; load the module again once"
                + " it runs again");
        }
        Entry entry = pools.computeIfAbsent(settings, s -> new Entry(new WorkerPool(s, logger)));
        entry.references++;
        return entry.pool;
    }

    /** Lets go of a pool; the last release stops its workers. */
    void release(WorkerPool pool) {
        boolean last;
        synchronized (this) {
            Entry entry = pools.get(pool.settings());
            if (entry == null || entry.pool != pool) {
                return;
            }
            last = --entry.references == 0;
            if (last) {
                pools.remove(pool.settings());
            }
        }
        if (last) {
            pool.close();
        }
    }

    /** The pools running now, with their reference counts. */
    synchronized List<PoolOwner.OwnedPool> list() {
        return pools.values().stream().map(e -> new PoolOwner.OwnedPool(e.pool, e.references)).toList();
    }

    /** Stops every pool; later acquires fail. */
    void closeAll() {
        List<WorkerPool> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pools.values().stream().map(e -> e.pool).toList());
            pools.clear();
        }
        all.parallelStream().forEach(WorkerPool::close);
    }
}
