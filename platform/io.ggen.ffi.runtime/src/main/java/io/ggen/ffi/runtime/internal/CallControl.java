package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.spi.CallContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's {@link CallContext}: one per call. It can be cancelled once, by the watchdog
 * (timeout) or by the caller; after {@link #finish()} no cancel action runs any more, so a late
 * timeout never touches a runtime that has moved on to another call.
 */
final class CallControl implements CallContext {

    enum State { RUNNING, TIMED_OUT, CANCELLED, DONE }

    private final CallOptions options;
    private final boolean cancellable;
    private volatile State state = State.RUNNING;
    private List<Runnable> actions;

    /**
     * @param cancellable whether anything can cancel this call (a timeout, an async caller);
     *     when not, cancel actions are not even kept
     */
    CallControl(CallOptions options, boolean cancellable) {
        this.options = options;
        this.cancellable = cancellable;
    }

    @Override
    public CallOptions options() {
        return options;
    }

    @Override
    public boolean isCancelled() {
        State now = state;
        return now == State.TIMED_OUT || now == State.CANCELLED;
    }

    State state() {
        return state;
    }

    @Override
    public void onCancel(Runnable action) {
        if (!cancellable) {
            return;
        }
        synchronized (this) {
            if (state == State.RUNNING) {
                if (actions == null) {
                    actions = new ArrayList<>(2);
                }
                actions.add(action);
                return;
            }
            if (state == State.DONE) {
                return;
            }
        }
        action.run();
    }

    /** Cancels the call unless it is over; runs the bridge's actions. */
    synchronized void cancel(State reason) {
        if (state != State.RUNNING) {
            return;
        }
        state = reason;
        if (actions != null) {
            for (Runnable action : actions) {
                action.run();
            }
        }
    }

    /** The call is over: later cancellations do nothing. */
    void finish() {
        if (!cancellable) {
            return;   // nothing can cancel it: no lock on the fast path
        }
        synchronized (this) {
            if (state == State.RUNNING) {
                state = State.DONE;
            }
            actions = null;
        }
    }
}
