package io.ggen.ffi.polyglot;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.log.Logger;

/**
 * Stops one call's guest code when the call is cancelled or times out: the {@code onCancel}
 * action the {@link ContextPool} registers for a call that can be cancelled, made for the lease
 * of the context the call holds.
 *
 * <p>The cancelling thread only claims the slot ({@link ContextPool#beginCancel}, which fails once
 * the call gave its context back) and starts a virtual thread. That thread interrupts the context
 * ({@code Context.interrupt}, in slices of 50 ms) until the caller has left it, and closes the context with cancel when
 * that takes longer than the grace. The caller's give-back then fails and it
 * {@link #awaitStopped() waits} for the stopping to end before the context goes back to the pool.
 */
final class CallGuard implements Runnable {

    private static final long INTERRUPT_SLICE_MILLIS = 50;

    private final ContextPool<?> pool;
    private final PooledContext context;
    private final long lease;
    private volatile boolean callerLeft;
    private boolean stopped;

    /** A guard for the call that holds this context of the pool with this lease. */
    CallGuard(ContextPool<?> pool, PooledContext context, long lease) {
        this.pool = pool;
        this.context = context;
        this.lease = lease;
    }

    /** The cancel action: starts stopping the guest unless the call already finished. Does not block. */
    @Override
    public void run() {
        if (pool.beginCancel(context, lease)) {
            Thread.ofVirtual().name("polyglot-cancel-" + context.index()).start(() -> stopGuest(context));
        }
    }

    private void stopGuest(PooledContext held) {
        Logger logger = pool.logger();
        try {
            long deadline = System.nanoTime() + pool.graceNanos();
            while (!callerLeft) {
                // Whole milliseconds: Truffle waits toMillis() of the timeout, and 0 means forever.
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis < 1) {
                    logger.debug("Guest context {} did not stop within the grace: closing it", held.index());
                    held.close(true);
                    return;
                }
                try {
                    // In slices: an interrupt that began while the caller was not yet inside the guest
                    // waits for it without reaching it, so it is retried rather than waited out.
                    held.context().interrupt(Duration.ofMillis(Math.min(remainingMillis, INTERRUPT_SLICE_MILLIS)));
                } catch (TimeoutException e) {
                    continue; // not stopped yet: interrupt again, or close once past the grace
                } catch (RuntimeException e) {
                    // The context was closed meanwhile (module closed): nothing left to stop.
                    logger.debug("Interrupting guest context {} failed: {}", held.index(), e.toString());
                    return;
                }
                if (!callerLeft) {
                    // The caller was not (yet) inside the guest: interrupt again shortly, until it leaves.
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.close(true);
        } finally {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
        }
    }

    /**
     * The caller is done with the context but a cancellation claimed it: waits until the stopping
     * ended (at most the grace plus the time to close the context).
     */
    void awaitStopped() {
        callerLeft = true;
        boolean interrupted = false;
        synchronized (this) {
            while (!stopped) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
