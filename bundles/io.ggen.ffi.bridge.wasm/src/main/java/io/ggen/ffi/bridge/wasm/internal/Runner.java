package io.ggen.ffi.bridge.wasm.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Who runs guest code in one instance now, so that it can be stopped: Chicory's interpreter and the
 * code its compiler generates check {@link Thread#isInterrupted()} at every call and backward branch
 * and then throw {@code ChicoryInterruptedException}.
 *
 * <p>{@link #stop()} (a call's cancel action, or the module closing) interrupts the running thread
 * only while the call runs: once the caller has {@linkplain #end() ended} it, a late stop does
 * nothing, so an interrupt never hits the caller's thread after it has left the guest. A caller whose
 * call was stopped clears its interrupt status in {@link #end()}.
 */
final class Runner {

    /** A stop is interrupting the thread. */
    private static final Object STOPPING = new Object();
    /** A stop interrupted the thread. */
    private static final Object STOPPED = new Object();

    /** Null: no call; a Thread: its call runs; STOPPING, STOPPED: its call is being or was stopped. */
    private final AtomicReference<Object> state = new AtomicReference<>();

    /** The calling thread starts running guest code (a full fence: a stop that follows sees it). */
    void begin() {
        state.set(Thread.currentThread());
    }

    /** Whether a call runs now. */
    boolean isRunning() {
        return state.get() instanceof Thread;
    }

    /** Interrupts the running call, if there is one. Cheap; callable from any thread, any number of times. */
    void stop() {
        Object current = state.get();
        if (current instanceof Thread thread && state.compareAndSet(thread, STOPPING)) {
            thread.interrupt();
            state.set(STOPPED);
        }
    }

    /**
     * The calling thread is done with the guest code.
     *
     * @return whether the call was stopped: then the instance may be half way through anything
     */
    boolean end() {
        if (state.compareAndSet(Thread.currentThread(), null)) {
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
