package io.ggen.ffi.api;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The child processes the platform runs for modules: the pools of worker processes of the RPC bridge
 * and the isolates of modules loaded with {@code isolation=process}. Registered by the bundle that runs
 * them; for management (the Web Console, {@code ggen status}), not for calls.
 *
 * @since 1.1
 */
@ProviderType
public interface ProcessPools {

    /** The pools running now, sorted by kind and label. */
    List<Pool> pools();

    /**
     * Replaces every process of a pool: calls in flight on them fail as if the process had crashed
     * (their callers see a {@link ForeignException}), later calls start new processes.
     *
     * @param id a pool's {@link Pool#id()}
     * @return false when no pool has that id (it may have stopped since it was listed)
     */
    boolean restart(String id);

    /**
     * @param id stable while the pool runs, unique among the pools of its provider's kind
     * @param kind {@code worker} (a worker command line or address) or {@code isolate} (a child JVM)
     * @param label what runs in it, e.g. the worker's command line or the isolated module
     * @param size the most processes it runs at once
     * @param modules modules using it now
     * @param processes its processes now, oldest first
     */
    record Pool(String id, String kind, String label, int size, int modules, List<PoolProcess> processes) {

        public Pool {
            processes = List.copyOf(processes);
        }
    }

    /**
     * @param pid the operating system's process id; -1 for a service reached over TCP
     * @param started when it started
     * @param calls calls it answered or failed
     * @param inFlight calls waiting on it now
     * @param restarts how many processes this slot of the pool replaced before this one
     */
    record PoolProcess(long pid, Instant started, long calls, int inFlight, long restarts) {
    }
}
