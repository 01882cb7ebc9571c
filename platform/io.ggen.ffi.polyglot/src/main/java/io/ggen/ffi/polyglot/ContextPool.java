package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.spi.CallContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.service.log.Logger;

/**
 * A module's contexts: at most {@code size}, created lazily, each used by one caller at a time.
 *
 * <p>A slot holds its idle context; or, while the context is in use, the holder's token (the
 * call's {@link CallGuard}, or {@link #UNGUARDED}); or a {@link Cancelling} while a cancellation
 * stops the holder's call; or {@link #EMPTY} when it has no context (not made yet, or discarded
 * after a call closed it): the next caller that finds no idle context makes one there.
 *
 * <p>The uncontended path is two compare-and-sets: taking slot 0 (context to token) and giving it
 * back (token to context). A cancellation swaps the token for a {@link Cancelling} first, so the
 * give-back fails and the caller waits until the interrupt is over: a context never reaches the
 * next caller while an interrupt meant for the previous one is still on its way. Callers beyond
 * the pool size wait, and stop waiting when their call is cancelled or the pool closes.
 *
 * @param <C> the bridge's context type
 */
@ProviderType
public final class ContextPool<C extends PooledContext> {

    /** The token of holders that cannot be cancelled (handle calls, function lookups). */
    public static final Object UNGUARDED = marker("UNGUARDED");
    private static final Object EMPTY = marker("EMPTY");
    private static final Object CLOSED = marker("CLOSED");
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AtomicReferenceArray<Object> slots;
    /** Every context alive, idle or in use, so that {@link #close()} can cancel the running ones. */
    private final AtomicReferenceArray<C> live;
    private final IntFunction<C> factory;
    private final GuestLanguage language;
    private final String owner;
    private final long graceNanos;
    private final Logger logger;
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private volatile boolean closed;

    /** A slot whose holder's call is being stopped. */
    private record Cancelling(CallGuard guard) {
    }

    private static Object marker(String name) {
        return new Object() {
            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * @param size the most contexts
     * @param factory makes the context of a slot; throws a {@code ForeignException} when the module fails
     * @param owner what the pool belongs to, for messages
     * @param graceNanos how long a cancelled call may take to stop before its context is closed
     * @param language the guest language, for messages
     */
    public ContextPool(int size, IntFunction<C> factory, String owner, long graceNanos, GuestLanguage language,
                       Logger logger) {
        if (size < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, not " + size);
        }
        this.slots = new AtomicReferenceArray<>(size);
        this.live = new AtomicReferenceArray<>(size);
        this.factory = factory;
        this.language = language;
        this.owner = owner;
        this.graceNanos = graceNanos;
        this.logger = logger;
        for (int i = 0; i < size; i++) {
            slots.set(i, EMPTY);
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** How long a cancelled call may take to stop before its context is closed. */
    public long graceNanos() {
        return graceNanos;
    }

    /** The bridge's logger. */
    public Logger logger() {
        return logger;
    }

    /**
     * Takes an idle context, makes one if the pool is not full, or waits for one.
     *
     * @param call the call it is for, whose cancellation ends a wait; {@code null} to wait until a
     *     context is free or the thread is interrupted
     * @param token what the slot holds meanwhile: the call's {@link CallGuard} or {@link #UNGUARDED};
     *     give the same to {@link #release}
     */
    public C acquire(CallContext call, Object token) {
        Object first = slots.get(0);
        if (first instanceof PooledContext && slots.compareAndSet(0, first, token)) {
            return cast(first);
        }
        return acquireSlow(null, call, token);
    }

    /** Takes this particular context (the one a handle lives in), waiting while it is in use. */
    public C acquire(C wanted, CallContext call, Object token) {
        if (slots.compareAndSet(wanted.index(), wanted, token)) {
            return wanted;
        }
        return acquireSlow(wanted, call, token);
    }

    private C acquireSlow(C wanted, CallContext call, Object token) {
        while (true) {
            C context = wanted == null ? tryTake(token) : tryTake(wanted, token);
            if (context != null) {
                return context;
            }
            if (wanted == null) {
                int empty = tryReserveEmpty(token);
                if (empty >= 0) {
                    return create(empty);
                }
            }
            awaitFree(wanted, call);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> C cast(Object slot) {
        return (C) slot;
    }

    private C tryTake(Object token) {
        checkOpen();
        for (int i = 0; i < slots.length(); i++) {
            Object slot = slots.get(i);
            if (slot instanceof PooledContext && slots.compareAndSet(i, slot, token)) {
                return cast(slot);
            }
        }
        return null;
    }

    private C tryTake(C wanted, Object token) {
        checkOpen();
        if (wanted.isBroken()) {
            throw new ForeignArgumentException(language.language(), "the " + language.displayName()
                + " object of this handle is gone: its context was closed after a cancelled call; get a new handle");
        }
        return slots.compareAndSet(wanted.index(), wanted, token) ? wanted : null;
    }

    private int tryReserveEmpty(Object token) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == EMPTY && slots.compareAndSet(i, EMPTY, token)) {
                return i;
            }
        }
        return -1;
    }

    private C create(int index) {
        C context;
        try {
            context = factory.apply(index);
        } catch (RuntimeException | Error e) {
            giveBack(index, EMPTY);
            throw e;
        }
        live.set(index, context);
        if (closed) {
            discard(context);
            checkOpen();
        }
        logger.debug("Made {} context {} of {}", language.displayName(), index, owner);
        return context;
    }

    private void awaitFree(C wanted, CallContext call) {
        lock.lock();
        waiters.incrementAndGet();
        try {
            // Look again now that releasers see a waiter: whatever they free from here on is signalled.
            if (closed || (wanted == null ? hasIdleOrEmpty() : slots.get(wanted.index()) == wanted || wanted.isBroken())) {
                return;
            }
            if (call != null && call.isCancelled()) {
                throw new ForeignCancellationException(language.language(),
                    "the call was cancelled while it waited for a free context of " + owner);
            }
            freed.awaitNanos(WAIT_SLICE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignCancellationException(language.language(),
                "interrupted while waiting for a free context of " + owner, e);
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }

    private boolean hasIdleOrEmpty() {
        for (int i = 0; i < slots.length(); i++) {
            Object slot = slots.get(i);
            if (slot == EMPTY || slot instanceof PooledContext) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts cancelling the call that holds the context with this guard.
     *
     * @return whether it still held it (else the call had finished and nothing is to be done)
     */
    boolean beginCancel(CallGuard guard, PooledContext context) {
        return slots.compareAndSet(context.index(), guard, new Cancelling(guard));
    }

    /**
     * Gives a context back: idle again, or discarded (and replaced lazily) when it is broken.
     *
     * <p>A slot held with {@link #UNGUARDED} can change only through its holder or {@link #close()}
     * (cancellations claim guarded slots only), so it is given back with a plain release store. If
     * a close raced it, the context is one {@link #close()} closes through {@code live}: a later
     * caller that takes it gets the "closed" error from the context itself.
     */
    public void release(C context, Object token) {
        if (token == UNGUARDED && !context.isBroken() && !closed) {
            slots.setRelease(context.index(), context);
            if (waiters.get() > 0) {
                signalWaiters();
            }
            return;
        }
        if (!context.isBroken() && slots.compareAndSet(context.index(), token, context)) {
            if (waiters.get() > 0) {
                signalWaiters();
            }
            return;
        }
        releaseSlow(context, token);
    }

    private void releaseSlow(C context, Object token) {
        if (slots.get(context.index()) instanceof Cancelling cancelling && cancelling.guard() == token) {
            cancelling.guard().awaitStopped();
        }
        if (context.isBroken() || closed) {
            discard(context);
            return;
        }
        giveBack(context.index(), context);
        if (closed && slots.compareAndSet(context.index(), context, CLOSED)) {
            discard(context);
        }
    }

    /** Closes a context and frees its slot for a new one. The caller holds the slot. */
    private void discard(C context) {
        RuntimeException failure = context.close(true);
        if (failure != null) {
            logger.debug("Closing {} context {} of {} failed: {}", language.displayName(), context.index(), owner,
                failure.toString());
        }
        live.compareAndSet(context.index(), context, null);
        if (!closed) {
            giveBack(context.index(), EMPTY);
            logger.debug("Discarded {} context {} of {}; a new one is made when needed", language.displayName(),
                context.index(), owner);
        }
    }

    private void giveBack(int index, Object slot) {
        slots.set(index, slot);
        if (waiters.get() > 0) {
            signalWaiters();
        }
    }

    private void signalWaiters() {
        lock.lock();
        try {
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every context, cancelling running calls; waiters and later callers get an error. Idempotent. */
    public void close() {
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            slots.getAndSet(i, CLOSED);
        }
        for (int i = 0; i < live.length(); i++) {
            C context = live.getAndSet(i, null);
            if (context != null) {
                RuntimeException failure = context.close(true);
                if (failure != null) {
                    logger.debug("Closing {} context {} of {} failed: {}", language.displayName(), i, owner,
                        failure.toString());
                }
            }
        }
        signalWaiters();
    }

    private void checkOpen() {
        if (closed) {
            throw PolyglotErrors.closed(language, "a call to " + owner, null);
        }
    }
}
