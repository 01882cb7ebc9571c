package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.log.Logger;

/**
 * The workers that serve one module (or one configured pool): {@code pool.size} slots. A call goes
 * to the least busy live worker; when every live worker is busy and a slot has none, that slot's
 * worker is started for it.
 */
final class WorkerPool {

    private final WorkerSettings settings;
    private final Logger logger;
    private final List<WorkerSlot> slots;
    private final AtomicInteger next = new AtomicInteger();
    private volatile WorkerInfo info;
    private volatile boolean closed;

    WorkerPool(WorkerSettings settings, Logger logger) {
        this.settings = settings;
        this.logger = logger;
        List<WorkerSlot> made = new ArrayList<>();
        for (int i = 0; i < settings.poolSize(); i++) {
            made.add(new WorkerSlot(settings, logger, started -> this.info = started));
        }
        this.slots = List.copyOf(made);
    }

    WorkerSettings settings() {
        return settings;
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
        slots.getFirst().connection();
        return info;
    }

    /** Starts every slot's worker on a background thread; failures are logged (calls start them again). */
    void startAllInBackground() {
        Thread.ofPlatform().daemon().name("ggen-rpc start " + settings.name()).start(() -> {
            for (WorkerSlot slot : slots) {
                if (closed) {
                    return;
                }
                try {
                    slot.connection();
                } catch (ForeignException e) {
                    logger.error("Worker pool '{}' could not start a worker: {}", settings.name(), e.getMessage());
                }
            }
        });
    }

    /** A slot with a live session for a call. */
    Lease lease() {
        if (closed) {
            throw new BridgeUnavailableException(label(), "worker '" + settings.name() + "' was stopped");
        }
        WorkerSlot best = null;
        WorkerConnection bestConnection = null;
        for (WorkerSlot slot : slots) {
            WorkerConnection c = slot.usable();
            if (c != null && (bestConnection == null || c.busy() < bestConnection.busy())) {
                best = slot;
                bestConnection = c;
            }
        }
        if (bestConnection != null && bestConnection.busy() == 0) {
            return new Lease(best, bestConnection);
        }
        int start = Math.floorMod(next.getAndIncrement(), slots.size());
        for (int i = 0; i < slots.size(); i++) {
            WorkerSlot slot = slots.get((start + i) % slots.size());
            if (slot.usable() == null && slot.canStart()) {
                try {
                    return new Lease(slot, slot.connection());
                } catch (ForeignException e) {
                    if (bestConnection == null || !bestConnection.isUsable()) {
                        throw e;
                    }
                    return new Lease(best, bestConnection); // another worker runs: the call need not fail
                }
            }
        }
        if (bestConnection != null) {
            return new Lease(best, bestConnection);
        }
        WorkerSlot slot = slots.get(start);
        return new Lease(slot, slot.connection());
    }

    /** The slot whose live session is this one, for calls that pass its handles. */
    Optional<Lease> leaseOf(WorkerConnection connection) {
        for (WorkerSlot slot : slots) {
            if (slot.usable() == connection) {
                return Optional.of(new Lease(slot, connection));
            }
        }
        return Optional.empty();
    }

    /** The live worker processes, for tests and diagnostics. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        for (WorkerSlot slot : slots) {
            WorkerConnection c = slot.usable();
            if (c != null) {
                c.process().ifPresent(processes::add);
            }
        }
        return processes;
    }

    /** Stops every worker (shutdown, exit, then kill after the grace). Idempotent. */
    void close() {
        closed = true;
        for (WorkerSlot slot : slots) {
            slot.close();
        }
        logger.debug("Worker pool '{}' stopped", settings.name());
    }

    /** A slot and its live session, for one call. */
    record Lease(WorkerSlot slot, WorkerConnection connection) {
    }
}
