package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.util.List;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.log.Logger;

/**
 * An object that stays in a worker ({@code {"$handle": "<id>"}}), valid for the worker process
 * (session) that made it. {@link #release()} sends {@code release}; a handle dropped unreleased is
 * released by a {@link Cleaner} that also logs the leak and where the handle was returned.
 */
final class WorkerHandle implements ForeignHandle {

    /** One daemon thread for the bundle; it ends once the bundle's classes are gone and nothing is registered. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final WorkerSession session;
    private final String id;
    private final String language;
    private final Leak leak;
    private final Cleaner.Cleanable cleanable;

    WorkerHandle(WorkerSession session, String id, String language, Logger logger) {
        this.session = session;
        this.id = id;
        this.language = language;
        this.leak = new Leak(session, id, session.name(), logger);
        this.cleanable = CLEANER.register(this, leak);
    }

    WorkerSession session() {
        return session;
    }

    String id() {
        return id;
    }

    /** Notes where the handle reached Java, for the leak report: the caller of the function that returned it. */
    void returnedBy(String function) {
        if (leak.origin == null) {
            leak.origin = new Throwable("the handle " + id + " was returned by " + function + " here");
        }
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean isReleased() {
        return leak.released.get();
    }

    /** Sends {@code release} to the worker (waiting briefly for its answer). Idempotent. */
    @Override
    public void release() {
        if (leak.released.compareAndSet(false, true)) {
            cleanable.clean(); // unregisters; the action sees it released and does nothing
            session.release(id);
        }
    }

    /** An isolate's handles have members (the bridge's own handle lives there); a worker's have none in protocol 1. */
    @Override
    public ForeignValue invoke(String member, List<ForeignValue> args) {
        if (!session.isIsolate()) {
            return ForeignHandle.super.invoke(member, args);
        }
        if (isReleased()) {
            throw new ForeignArgumentException(language, "the handle " + id + " was released");
        }
        return session.invoke(id, member, args);
    }

    @Override
    public String toString() {
        return language + " handle " + id + " of worker '" + session.name() + "'";
    }

    /** The Cleaner's action: must not refer to the handle itself. */
    private static final class Leak implements Runnable {
        private final WorkerSession session;
        private final String id;
        private final String worker;
        private final Logger logger;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile Throwable origin;

        Leak(WorkerSession session, String id, String worker, Logger logger) {
            this.session = session;
            this.id = id;
            this.worker = worker;
            this.logger = logger;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                logger.warn("Leaked handle {} of worker '{}': it was dropped without release(); released it now."
                    + " Release handles with try-with-resources.", id, worker,
                    origin == null ? new Throwable("the handle " + id + " was created here") : origin);
                session.releaseLater(id);
            }
        }
    }
}
