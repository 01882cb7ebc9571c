package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ProcessPools.PoolProcess;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.service.log.Logger;

/**
 * One place in a worker pool: at most one live worker session at a time, started on demand and
 * started again after the worker crashed, hung or broke the protocol. Restarts back off
 * (restart.backoff, doubled per failure in a row); after restart.max failures in a row calls fail
 * at once until the backoff has passed, then one more start is tried. Its sessions tell it when a
 * call got an answer and when they broke ({@link WorkerSession.Listener}).
 */
final class WorkerSlot implements WorkerSession.Listener {

    private static final long MAX_BACKOFF_MS = 60_000;

    private final WorkerSettings settings;
    private final Logger logger;
    private final Consumer<WorkerInfo> onStarted;
    /** Its sessions' failures in a row, replaced whole. */
    private final AtomicReference<Failures> failures = new AtomicReference<>(Failures.NONE);
    private volatile WorkerSession current;
    private volatile boolean closed;
    /** Sessions started in this slot so far; written holding the slot's lock. */
    private volatile long sessionsStarted;

    /**
     * Failures in a row: how many, when the last was counted, and what it was.
     *
     * @param lastNanos {@link System#nanoTime()} of the last
     * @param last the last one's reason, read after the worker's name
     */
    private record Failures(int inARow, long lastNanos, String last) {

        static final Failures NONE = new Failures(0, 0, null);

        Failures next(String why) {
            return new Failures(inARow + 1, System.nanoTime(), why);
        }
    }

    WorkerSlot(WorkerSettings settings, Logger logger, Consumer<WorkerInfo> onStarted) {
        this.settings = settings;
        this.logger = logger;
        this.onStarted = onStarted;
    }

    /** The live session, or null when none runs now. */
    WorkerSession usable() {
        WorkerSession c = current;
        return c != null && c.isUsable() ? c : null;
    }

    /** Whether a start would be tried now (not closed, not waiting out its backoff after too many failures). */
    boolean canStart() {
        Failures now = failures.get();
        return !closed && (now.inARow() <= settings.restartMax() || remainingBackoffMillis(now) <= 0);
    }

    /**
     * The live session, starting the worker (and waiting out its backoff) when none runs.
     *
     * @throws ForeignException the worker does not start, or failed too often in a row
     */
    synchronized WorkerSession session() {
        if (closed) {
            throw new BridgeUnavailableException(settings.label(), "worker '" + settings.name() + "' was stopped");
        }
        WorkerSession c = current;
        if (c != null && c.isUsable()) {
            return c;
        }
        if (c != null && c.failure() != null) {
            countFailure(c, c.failure()); // its end may not be reported yet: counted here, once
        }
        current = null;
        awaitBackoff();
        if (closed) {
            throw new BridgeUnavailableException(settings.label(), "worker '" + settings.name() + "' was stopped");
        }
        WorkerTransport transport;
        try {
            transport = settings.isTcp() ? SocketTransport.connect(settings) : ProcessTransport.start(settings, logger);
        } catch (IOException e) {
            failed("cannot be started: " + e.getMessage());
            throw new ForeignException(settings.label(), WorkerHandshake.START_FAILURE, "worker '" + settings.name()
                + "' cannot be " + (settings.isTcp() ? "reached at " : "started as ") + settings.describeTarget()
                + ": " + e.getMessage() + (settings.workingDir() == null ? "" : " (working directory "
                + settings.workingDir() + ")"));
        }
        WorkerSession fresh = WorkerSession.open(settings, transport, logger, this);
        WorkerInfo info;
        try {
            info = fresh.initialize();
        } catch (ForeignException e) {
            countFailure(fresh, e.getMessage());
            throw e;
        }
        current = fresh;
        sessionsStarted++;
        onStarted.accept(info);
        logger.info("Worker '{}' started ({}, {} {}): functions {}", settings.name(), transport, info.language(),
            info.name(), info.functionList());
        return fresh;
    }

    /** Its live worker for management; null when none runs now. */
    PoolProcess status() {
        WorkerSession s = usable();
        return s == null ? null : new PoolProcess(s.pid(), s.started(), s.calls(), s.busy(),
            Math.max(0, sessionsStarted - 1));
    }

    /**
     * Ends the live worker to replace it (management's restart): calls in flight fail as on a crash,
     * but it is not counted as a failure, so the next start waits no backoff. A worker that is
     * starting right now is left alone.
     *
     * @return whether a live worker was ended
     */
    boolean restart() {
        WorkerSession s = usable();
        if (s == null) {
            return false;
        }
        s.killForRestart("was restarted on request");
        return true;
    }

    /** A call got an answer: the worker works, so a later failure starts the backoff anew. */
    @Override
    public void answered() {
        if (failures.get().inARow() != 0) {
            failures.set(Failures.NONE);
        }
    }

    @Override
    public void broke(WorkerSession session) {
        countFailure(session, session.failure());
    }

    /** Counts a session's failure once, whoever sees it first: its end, its handshake, or the next call. */
    private void countFailure(WorkerSession session, String why) {
        if (session.claimFailure()) {
            failed(why);
        }
    }

    private void failed(String why) {
        failures.updateAndGet(f -> f.next(why));
    }

    private long backoffMillis(int failuresInARow) {
        long base = Math.max(1, settings.restartBackoff().toMillis());
        int doublings = Math.min(20, Math.max(0, failuresInARow - 1));
        return Math.min(MAX_BACKOFF_MS, base << doublings);
    }

    private long remainingBackoffMillis(Failures now) {
        if (now.inARow() == 0) {
            return 0;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - now.lastNanos());
        return backoffMillis(now.inARow()) - waited;
    }

    /** Called holding the slot's lock (from {@link #session()}). */
    private void awaitBackoff() {
        Failures now = failures.get();
        int n = now.inARow();
        long remaining = remainingBackoffMillis(now);
        if (remaining <= 0) {
            return;
        }
        if (n > settings.restartMax()) {
            throw new ForeignException(settings.label(), RpcErrors.WORKER_FAILURE, "worker '" + settings.name()
                + "' failed " + n + " times in a row (last: " + now.last() + "); it is started again in "
                + remaining + "ms");
        }
        logger.debug("Worker '{}' failed {} times in a row; starting it again in {}ms", settings.name(), n, remaining);
        try {
            wait(remaining); // gives up the slot's lock: close() can stop the slot meanwhile, and wakes us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignException(settings.label(), RpcErrors.WORKER_FAILURE, "interrupted while waiting to start"
                + " worker '" + settings.name() + "' again");
        }
    }

    /** Stops the worker politely (or kills it after the grace); later calls fail. Waits for a start in progress. */
    synchronized void close() {
        closed = true;
        notifyAll();
        WorkerSession c = current;
        current = null;
        if (c != null) {
            c.close();
        }
    }
}
