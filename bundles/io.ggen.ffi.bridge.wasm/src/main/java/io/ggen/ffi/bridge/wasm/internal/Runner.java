package io.ggen.ffi.bridge.wasm.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Who runs guest code in one instance now, so that it can be stopped: Chicory's interpreter and the
 * code its compiler generates check {@link Thread#isInterrupted()} at every call and backward branch
 * and then throw {@code ChicoryInterruptedException}.
 *
 * <p>{@link #stop(Run)} (a call's cancel action) interrupts the thread only while that very run
 * goes on, and {@link #stop()} (the module closing) whatever run goes on: once the caller has
 * {@linkplain #end(Run) ended} its run, a late stop does nothing, so an interrupt never hits the
 * caller's thread after it has left the guest, nor another call that got the instance since. A
 * caller whose run was stopped clears its interrupt status in {@link #end(Run)}.
 */
final class Runner {

    /** One call's run of guest code: what a cancel action stops, and nothing after it ended. */
    static final class Run {
        private final Thread thread = Thread.currentThread();
    }

    /** A stop is interrupting the thread. */
    private static final Object STOPPING = new Object();
    /** A stop interrupted the thread. */
    private static final Object STOPPED = new Object();

    /** Null: no call; a Run: its call runs; STOPPING, STOPPED: its call is being or was stopped. */
    private final AtomicReference<Object> state = new AtomicReference<>();

    /** The calling thread starts running guest code (a full fence: a stop that follows sees it). */
    Run begin() {
        Run run = new Run();
        state.set(run);
        return run;
    }

    /** Whether a call runs now. */
    boolean isRunning() {
        return state.get() instanceof Run;
    }

    /**
     * Interrupts this run if it still runs: a cancel action registered by one call never stops a
     * later call on the same instance. Cheap; callable from any thread, any number of times.
     */
    void stop(Run run) {
        if (state.compareAndSet(run, STOPPING)) {
            run.thread.interrupt();
            state.set(STOPPED);
        }
    }

    /** Interrupts whatever call runs now (its module is closing). */
    void stop() {
        if (state.get() instanceof Run run) {
            stop(run);
        }
    }

    /**
     * The calling thread is done with the guest code of this run.
     *
     * @return whether the run was stopped: then the instance may be half way through anything
     */
    boolean end(Run run) {
        if (state.compareAndSet(run, null)) {
            return false;
        }
        while (state.get() == STOPPING) {
            Thread.onSpinWait(); // the stopping thread is between two plain statements
        }
        Thread.interrupted(); // the stop's interrupt, meant for the guest code only
        state.set(null);
        return true;
    }
}
