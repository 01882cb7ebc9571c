package io.ggen.ffi.polyglot;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.service.log.Logger;

/**
 * Stops one call's guest code when the call is cancelled or times out: the {@code onCancel}
 * action registered for the call, and the call's token in its {@link ContextPool} slot.
 *
 * <p>The cancelling thread only claims the slot ({@link ContextPool#beginCancel}, which fails once
 * the call gave its context back) and starts a virtual thread. That thread interrupts the context
 * ({@code Context.interrupt}, in slices of 50 ms) until the caller has left it, and closes the context with cancel when
 * that takes longer than the grace. The caller's give-back then fails and it
 * {@link #awaitStopped() waits} for the stopping to end before the context goes back to the pool.
 */
@ProviderType
public final class CallGuard implements Runnable {

    private static final long INTERRUPT_SLICE_MILLIS = 50;

    private final ContextPool<?> pool;
    private PooledContext context;
    private volatile boolean callerLeft;
    private boolean stopped;

    /** A guard for one call on this pool; the call holds its slot with the guard as token. */
    public CallGuard(ContextPool<?> pool) {
        this.pool = pool;
    }

    /** Tells the guard which context the call holds; before registering it with {@code onCancel}. */
    public void attach(PooledContext held) {
        this.context = held;
    }

    /** The cancel action: starts stopping the guest unless the call already finished. Does not block. */
    @Override
    public void run() {
        PooledContext held = context;
        if (held != null && pool.beginCancel(this, held)) {
            Thread.ofVirtual().name("polyglot-cancel-" + held.index()).start(() -> stopGuest(held));
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
