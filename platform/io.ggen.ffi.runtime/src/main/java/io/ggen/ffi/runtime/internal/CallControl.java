package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.spi.CallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The runtime's {@link CallContext}: one per call. It can be cancelled once, by the watchdog
 * (timeout) or by the caller; after {@link #close()} no cancel action runs any more, so a late
 * timeout never touches a runtime that has moved on to another call.
 *
 * <p>A call runs as {@code try (CallControl running = control.start(watchdog)) { ... }}: its
 * timeout is armed on the watchdog, and closing it finishes the call and disarms the timeout. A
 * call that nothing can cancel (no timeout, not async) takes no lock and stores nothing; with the
 * default options it does not even allocate ({@link #of}).
 */
final class CallControl implements CallContext, AutoCloseable {

    enum State { RUNNING, TIMED_OUT, CANCELLED, DONE }

    private static final State[] STATES = State.values();
    /** The context of every call with the default options: nothing can cancel it, nothing changes in it. */
    private static final CallControl DEFAULT = new CallControl(CallOptions.DEFAULT, false);

    private final CallOptions options;
    private final boolean cancellable;
    private final boolean plain;
    /** A {@link State} ordinal; 0 (RUNNING) needs no store at construction. */
    private volatile int state;
    private List<Runnable> actions;
    private ScheduledFuture<?> timer;

    /**
     * @param cancellable whether anything can cancel this call (a timeout, an async caller);
     *     when not, cancel actions are not even kept
     */
    CallControl(CallOptions options, boolean cancellable) {
        this.options = options;
        this.cancellable = cancellable;
        this.plain = !cancellable && options.attributes().isEmpty();
    }

    /** The context of a synchronous call with these options: cancellable when they have a timeout. */
    static CallControl of(CallOptions options) {
        return options == CallOptions.DEFAULT ? DEFAULT : new CallControl(options, options.timeout().isPresent());
    }

    /** Starts the call: its timeout, if it has one, armed on the watchdog. Close it when the call is over. */
    CallControl start(Watchdog watchdog) {
        if (cancellable) {
            timer = watchdog.arm(this);
        }
        return this;
    }

    @Override
    public CallOptions options() {
        return options;
    }

    @Override
    public boolean isCancellable() {
        return cancellable;
    }

    /**
     * Whether nothing can cancel the call and its options have no attributes (so only the interceptors
     * of every call see it): the default options' call.
     */
    boolean isPlain() {
        return plain;
    }

    @Override
    public boolean isCancelled() {
        int now = state;
        return now == State.TIMED_OUT.ordinal() || now == State.CANCELLED.ordinal();
    }

    State state() {
        return STATES[state];
    }

    @Override
    public void onCancel(Runnable action) {
        if (!cancellable) {
            return;
        }
        synchronized (this) {
            if (state == State.RUNNING.ordinal()) {
                if (actions == null) {
                    actions = new ArrayList<>(2);
                }
                actions.add(action);
                return;
            }
            if (state == State.DONE.ordinal()) {
                return;
            }
        }
        action.run();
    }

    /** Cancels the call unless it is over; runs the bridge's actions. */
    synchronized void cancel(State reason) {
        if (state != State.RUNNING.ordinal()) {
            return;
        }
        state = reason.ordinal();
        if (actions != null) {
            for (Runnable action : actions) {
                action.run();
            }
        }
    }

    /** The call is over: its timeout disarmed, later cancellations do nothing. */
    @Override
    public void close() {
        if (!cancellable) {
            return;   // nothing can cancel it: no lock on the fast path
        }
        synchronized (this) {
            if (state == State.RUNNING.ordinal()) {
                state = State.DONE.ordinal();
            }
            actions = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
