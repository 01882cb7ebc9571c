package io.ggen.ffi.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Cancels calls that run past their timeout. One daemon thread for the whole runtime. */
final class Watchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "ggen-ffi-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Schedules the call's cancellation at its timeout; null when it has none. */
    ScheduledFuture<?> arm(CallControl control) {
        Duration timeout = control.options().timeout().orElse(null);
        if (timeout == null) {
            return null;
        }
        return timer.schedule(() -> control.cancel(CallControl.State.TIMED_OUT), timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
