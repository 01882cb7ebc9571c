package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.spi.CallContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.graalvm.polyglot.PolyglotException;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.service.log.Logger;

/**
 * A module's contexts: at most {@code size}, created lazily, each used by one caller at a time.
 * A caller {@link #acquire acquires} a context and {@link #release releases} it; when its call can
 * be cancelled, the pool guards it meanwhile ({@link CallGuard}): a cancellation interrupts the
 * guest code, or closes the context when the code does not stop within the grace.
 *
 * <p>Each slot is in one {@link Slot state} at a time, changed by compare-and-set on one
 * {@code long} that also holds the number of the lease (the holding): a cancellation claims the
 * lease it was made for, never a later one. The uncontended path is two compare-and-sets: taking
 * slot 0 (idle to held) and giving it back (held to idle). A cancellation moves the slot from held
 * to cancelling first, so the give-back fails and the caller waits until the interrupt is over: a
 * context never reaches the next caller while an interrupt meant for the previous one is still on
 * its way. Callers beyond the pool size wait, and stop waiting when their call is cancelled or the
 * pool closes.
 *
 * @param <C> the bridge's context type
 */
@ProviderType
public final class ContextPool<C extends PooledContext> {

    /** What a slot is doing; its ordinal is kept in the slot's word, below the lease number. */
    private enum Slot {
        /** No context (not made yet, or discarded): the next caller that finds no idle one makes it. */
        EMPTY,
        /** Its context waits for a caller. */
        IDLE,
        /** A caller holds its context (or is making it). */
        HELD,
        /** The holder's call is being stopped; its give-back waits for that. */
        CANCELLING,
        /** The pool is closed. */
        CLOSED;

        private static final Slot[] ALL = values();
        private static final int BITS = 3;
        private static final long MASK = (1L << BITS) - 1;

        long word(long lease) {
            return lease << BITS | ordinal();
        }

        static Slot of(long word) {
            return ALL[(int) (word & MASK)];
        }

        /** Whether the word is in this state: {@link #of} without the array read, for the fast paths. */
        boolean holds(long word) {
            return (word & MASK) == ordinal();
        }

        static long lease(long word) {
            return word >>> BITS;
        }
    }

    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    // Plain arrays under var handles, not atomic wrapper objects: a call's take and give-back then
    // read one object fewer each (pool -> array, not pool -> wrapper -> array).
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle LIVE = MethodHandles.arrayElementVarHandle(PooledContext[].class);

    /** Per slot: its {@link Slot} state and lease number, in one word (through {@link #WORD}). */
    private final long[] slots;
    /**
     * Every context alive, idle or in use, so that {@link #close()} can cancel the running ones
     * (through {@link #LIVE}).
     */
    private final PooledContext[] live;
    /**
     * The guard of the last guarded holder, per slot: written and read by holders only, and read
     * only while a cancellation holds the slot, which only that holder's guard can have begun.
     */
    private final CallGuard[] guards;
    private final IntFunction<C> factory;
    private final PolyglotErrors errors;
    private final String owner;
    private final long graceNanos;
    private final Logger logger;
    /** How many callers wait for a free context: changed only under {@link #lock}, read without it. */
    private volatile int waiters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private volatile boolean closed;

    /**
     * @param size the most contexts
     * @param factory makes the context of a slot; throws a {@code ForeignException} when the module fails
     * @param owner what the pool belongs to, for messages
     * @param graceNanos how long a cancelled call may take to stop before its context is closed
     * @param errors the bridge's error mapping (its language names the messages)
     */
    public ContextPool(int size, IntFunction<C> factory, String owner, long graceNanos, PolyglotErrors errors,
                       Logger logger) {
        if (size < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, not " + size);
        }
        this.slots = new long[size];   // all EMPTY, lease 0
        this.live = new PooledContext[size];
        this.guards = new CallGuard[size];
        this.factory = factory;
        this.errors = errors;
        this.owner = owner;
        this.graceNanos = graceNanos;
        this.logger = logger;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The guest language, for messages. */
    GuestLanguage language() {
        return errors.language();
    }

    /** How long a cancelled call may take to stop before its context is closed. */
    long graceNanos() {
        return graceNanos;
    }

    /** The bridge's logger. */
    Logger logger() {
        return logger;
    }

    /**
     * Takes an idle context, makes one if the pool is not full, or waits for one. Give it back
     * with {@link #release}.
     *
     * @param call the call it is for: its cancellation ends a wait and, when it can be cancelled,
     *     stops the guest code while the call holds the context; {@code null} for work nothing
     *     cancels (handle calls, function lookups), which waits until a context is free or the
     *     thread is interrupted
     */
    public C acquire(CallContext call) {
        long first = word(0);
        C context = Slot.IDLE.holds(first) && take(0, first) ? live(0) : acquireSlow(null, call);
        return guarded(context, call);
    }

    /** Takes this particular context (the one a handle lives in), waiting while it is in use. */
    public C acquire(C wanted, CallContext call) {
        long word = word(wanted.index());
        C context = Slot.IDLE.holds(word) && live(wanted.index()) == wanted && take(wanted.index(), word)
            ? wanted : acquireSlow(wanted, call);
        return guarded(context, call);
    }

    /** Idle to held, with the next lease number. */
    private boolean take(int index, long idle) {
        return casWord(index, idle, Slot.HELD.word(Slot.lease(idle) + 1));
    }

    private C guarded(C context, CallContext call) {
        if (call == null || !call.isCancellable()) {
            return context;   // its slot's guard, if any, is an earlier holder's: never read (no cancel claims this lease)
        }
        CallGuard guard = new CallGuard(this, context, Slot.lease(word(context.index())));
        guards[context.index()] = guard;
        call.onCancel(guard);
        return context;
    }

    /**
     * Runs work that nothing cancels (a lookup, a call on a handle) in a context: {@code wanted},
     * or any when it is {@code null}. Guest errors come out as the platform's exceptions, and a
     * context they break is replaced.
     *
     * @param what what the work is, for messages (e.g. "looking up f")
     */
    public <T> T run(C wanted, String what, Function<? super C, ? extends T> work) {
        C context = wanted == null ? acquire(null) : acquire(wanted, null);
        try {
            return work.apply(context);
        } catch (PolyglotException | IllegalStateException e) {
            throw failure(context, e, what);
        } finally {
            release(context);
        }
    }

    /**
     * What the holder of a context gets for a guest error (a {@link PolyglotException}) or a context
     * that cannot be used (an {@link IllegalStateException}); the context is marked broken when the
     * error broke it.
     */
    ForeignException failure(PooledContext context, RuntimeException e, String what) {
        if (e instanceof PolyglotException guest) {
            if (PolyglotErrors.breaksContext(guest)) {
                context.markBroken();
            }
            return errors.toForeign(guest, what, closed);
        }
        context.markBroken();
        return errors.unusable((IllegalStateException) e, what, closed);
    }

    private C acquireSlow(C wanted, CallContext call) {
        while (true) {
            C context = wanted == null ? tryTakeAny() : tryTake(wanted);
            if (context != null) {
                return context;
            }
            if (wanted == null) {
                C created = tryCreate();
                if (created != null) {
                    return created;
                }
            }
            awaitFree(wanted, call);
        }
    }

    private C tryTakeAny() {
        checkOpen();
        for (int i = 0; i < slots.length; i++) {
            long word = word(i);
            if (Slot.of(word) == Slot.IDLE && take(i, word)) {
                return live(i);
            }
        }
        return null;
    }

    private C tryTake(C wanted) {
        checkOpen();
        if (wanted.isBroken()) {
            throw new ForeignArgumentException(language().language(), "the " + language().displayName()
                + " object of this handle is gone: its context was closed after a cancelled call; get a new handle");
        }
        int index = wanted.index();
        long word = word(index);
        return Slot.of(word) == Slot.IDLE && live(index) == wanted && take(index, word) ? wanted : null;
    }

    /** Holds an empty slot and makes its context; null when there is no empty slot. */
    private C tryCreate() {
        for (int i = 0; i < slots.length; i++) {
            long word = word(i);
            if (Slot.of(word) == Slot.EMPTY && casWord(i, word, Slot.HELD.word(Slot.lease(word) + 1))) {
                return create(i);
            }
        }
        return null;
    }

    private C create(int index) {
        C context;
        try {
            context = factory.apply(index);
        } catch (RuntimeException | Error e) {
            become(index, Slot.EMPTY);
            throw e;
        }
        LIVE.setVolatile(live, index, context);
        if (closed) {
            discard(context);
            checkOpen();
        }
        logger.debug("Made {} context {} of {}", language().displayName(), index, owner);
        return context;
    }

    private void awaitFree(C wanted, CallContext call) {
        lock.lock();
        waiters++;   // under the lock: no other writer
        try {
            // Look again now that releasers see a waiter: whatever they free from here on is signalled.
            if (closed || (wanted == null ? hasIdleOrEmpty() : isIdle(wanted) || wanted.isBroken())) {
                return;
            }
            if (call != null && call.isCancelled()) {
                throw new ForeignCancellationException(language().language(),
                    "the call was cancelled while it waited for a free context of " + owner);
            }
            freed.awaitNanos(WAIT_SLICE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignCancellationException(language().language(),
                "interrupted while waiting for a free context of " + owner, e);
        } finally {
            waiters--;
            lock.unlock();
        }
    }

    private boolean isIdle(C context) {
        return Slot.of(word(context.index())) == Slot.IDLE && live(context.index()) == context;
    }

    private boolean hasIdleOrEmpty() {
        for (int i = 0; i < slots.length; i++) {
            Slot slot = Slot.of(word(i));
            if (slot == Slot.EMPTY || slot == Slot.IDLE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts cancelling the call that holds the context with this lease.
     *
     * @return whether it still held it (else the call had finished and nothing is to be done)
     */
    boolean beginCancel(PooledContext context, long lease) {
        return casWord(context.index(), Slot.HELD.word(lease), Slot.CANCELLING.word(lease));
    }

    /** Gives a context back: idle again, or discarded (and replaced lazily) when it is broken. */
    public void release(C context) {
        int index = context.index();
        long held = word(index);
        if (Slot.HELD.holds(held) && !context.isBroken()
                && casWord(index, held, Slot.IDLE.word(Slot.lease(held)))) {
            if (waiters > 0) {
                signalWaiters();
            }
            return;
        }
        releaseSlow(context);
    }

    private void releaseSlow(C context) {
        long word = word(context.index());
        CallGuard guard = guards[context.index()];
        if (Slot.of(word) == Slot.CANCELLING && guard != null) {
            guard.awaitStopped();
        }
        if (context.isBroken() || closed) {
            discard(context);
            return;
        }
        become(context.index(), Slot.IDLE);
        if (closed && casWord(context.index(), Slot.IDLE.word(Slot.lease(word)),
                Slot.CLOSED.word(Slot.lease(word)))) {
            discard(context);
        }
    }

    /** Closes a context and frees its slot for a new one. The caller holds the slot. */
    private void discard(C context) {
        RuntimeException failure = context.close(true);
        if (failure != null) {
            logger.debug("Closing {} context {} of {} failed: {}", language().displayName(), context.index(), owner,
                failure.toString());
        }
        LIVE.compareAndSet(live, context.index(), context, null);
        if (!closed) {
            become(context.index(), Slot.EMPTY);
            logger.debug("Discarded {} context {} of {}; a new one is made when needed", language().displayName(),
                context.index(), owner);
        }
    }

    /** Moves a slot the caller holds (or that a cancellation of its call holds) to a new state, same lease. */
    private void become(int index, Slot next) {
        long word = word(index);
        if (Slot.of(word) != Slot.CLOSED) {
            casWord(index, word, next.word(Slot.lease(word)));
        }
        if (waiters > 0) {
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
        for (int i = 0; i < slots.length; i++) {
            WORD.setVolatile(slots, i, Slot.CLOSED.word(0));
        }
        for (int i = 0; i < live.length; i++) {
            PooledContext context = (PooledContext) LIVE.getAndSet(live, i, null);
            if (context != null) {
                RuntimeException failure = context.close(true);
                if (failure != null) {
                    logger.debug("Closing {} context {} of {} failed: {}", language().displayName(), i, owner,
                        failure.toString());
                }
            }
        }
        signalWaiters();
    }

    private long word(int index) {
        return (long) WORD.getVolatile(slots, index);
    }

    private boolean casWord(int index, long expected, long next) {
        return WORD.compareAndSet(slots, index, expected, next);
    }

    @SuppressWarnings("unchecked")   // only the factory's contexts are stored
    private C live(int index) {
        return (C) LIVE.getVolatile(live, index);
    }

    private void checkOpen() {
        if (closed) {
            throw errors.closed("a call to " + owner, null);
        }
    }
}
