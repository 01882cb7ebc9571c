package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ProcessPools.PoolProcess;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.log.Logger;

/**
 * The workers that serve one module (or one configured pool): {@code pool.size} slots. A call goes
 * to the least busy live worker; when every live worker is busy and a slot has none, that slot's
 * worker is started for it.
 *
 * <p>Each pool has an id for management, {@code worker-N} or {@code isolate-N}, numbered in the order
 * the pools of this bundle were made.
 */
final class WorkerPool {

    /** The kind of a pool of worker programs, in {@link io.ggen.ffi.api.ProcessPools.Pool#kind()}. */
    static final String WORKER = "worker";
    /** The kind of a pool of isolates (child JVMs). */
    static final String ISOLATE = "isolate";
    private static final AtomicLong WORKER_IDS = new AtomicLong();
    private static final AtomicLong ISOLATE_IDS = new AtomicLong();

    private final String id;
    private final WorkerSettings settings;
    private final Logger logger;
    private final List<WorkerSlot> slots;
    private final AtomicInteger next = new AtomicInteger();
    private volatile WorkerInfo info;
    private volatile boolean closed;

    WorkerPool(WorkerSettings settings, Logger logger) {
        this.settings = settings;
        this.logger = logger;
        this.id = kind() + "-" + (settings.isolate() == null ? WORKER_IDS : ISOLATE_IDS).incrementAndGet();
        List<WorkerSlot> made = new ArrayList<>();
        for (int i = 0; i < settings.poolSize(); i++) {
            made.add(new WorkerSlot(settings, logger, started -> this.info = started));
        }
        this.slots = List.copyOf(made);
    }

    WorkerSettings settings() {
        return settings;
    }

    /** Stable while the pool runs, e.g. {@code worker-3}. */
    String id() {
        return id;
    }

    /** {@value #WORKER} or {@value #ISOLATE}. */
    String kind() {
        return settings.isolate() == null ? WORKER : ISOLATE;
    }

    /** What the last worker started said in {@code initialize}; null before one started. */
    WorkerInfo info() {
        return info;
    }

    /** The language label of errors and handles. */
    String label() {
        WorkerInfo known = info;
        if (settings.language() != null) {
            return settings.language();
        }
        return known != null && known.language() != null ? known.language() : WorkerSettings.ANY_LANGUAGE;
    }

    /**
     * Makes sure one worker runs (starting it when none does) and returns what it said.
     *
     * @throws ForeignException the worker does not start
     */
    WorkerInfo start() {
        for (WorkerSlot slot : slots) {
            if (slot.usable() != null) {
                return info;
            }
        }
        slots.getFirst().session();
        return info;
    }

    /** Starts every slot's worker on a background thread; failures are logged (calls start them again). */
    void startAllInBackground() {
        startInBackground(slots);
    }

    private void startInBackground(List<WorkerSlot> which) {
        Thread.ofPlatform().daemon().name("ggen-rpc start " + settings.name()).start(() -> {
            for (WorkerSlot slot : which) {
                if (closed) {
                    return;
                }
                try {
                    slot.session();
                } catch (ForeignException e) {
                    logger.error("Worker pool '{}' could not start a worker: {}", settings.name(), e.getMessage());
                }
            }
        });
    }

    /** A live session for a call: the least busy, else a new one in a slot that has none. */
    WorkerSession lease() {
        if (closed) {
            throw new BridgeUnavailableException(label(), "worker '" + settings.name() + "' was stopped");
        }
        WorkerSession best = null;
        for (WorkerSlot slot : slots) {
            WorkerSession s = slot.usable();
            if (s != null && (best == null || s.busy() < best.busy())) {
                best = s;
            }
        }
        if (best != null && best.busy() == 0) {
            return best;
        }
        int start = Math.floorMod(next.getAndIncrement(), slots.size());
        for (int i = 0; i < slots.size(); i++) {
            WorkerSlot slot = slots.get((start + i) % slots.size());
            if (slot.usable() == null && slot.canStart()) {
                try {
                    return slot.session();
                } catch (ForeignException e) {
                    if (best == null || !best.isUsable()) {
                        throw e;
                    }
                    return best; // another worker runs: the call need not fail
                }
            }
        }
        if (best != null) {
            return best;
        }
        return slots.get(start).session();
    }

    /** Whether the session is the live one of a slot of this pool, for calls that pass its handles. */
    boolean serves(WorkerSession session) {
        for (WorkerSlot slot : slots) {
            if (slot.usable() == session) {
                return true;
            }
        }
        return false;
    }

    /** The live worker processes, for tests and diagnostics. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        for (WorkerSlot slot : slots) {
            WorkerSession s = slot.usable();
            if (s != null) {
                s.process().ifPresent(processes::add);
            }
        }
        return processes;
    }

    /** Its live processes for management, oldest first. */
    List<PoolProcess> status() {
        return slots.stream().map(WorkerSlot::status).filter(Objects::nonNull)
            .sorted(Comparator.comparing(PoolProcess::started)).toList();
    }

    /**
     * Replaces its live processes: ends each (calls in flight fail as on a crash, but no backoff
     * follows), then starts new ones in the background; later calls start them too if they come first.
     */
    void restart() {
        List<WorkerSlot> restarted = slots.stream().filter(WorkerSlot::restart).toList();
        logger.info("Worker pool {} ('{}') restarted on request: {} process(es) replaced", id, settings.name(),
            restarted.size());
        if (!restarted.isEmpty() && !closed) {
            startInBackground(restarted);
        }
    }

    /** Stops every worker (shutdown, exit, then kill after the grace). Idempotent. */
    void close() {
        closed = true;
        for (WorkerSlot slot : slots) {
            slot.close();
        }
        logger.debug("Worker pool '{}' stopped", settings.name());
    }
}
