package io.ggen.ffi.bridge.wasm.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.spi.CallContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A module's instances: at most {@code size}, made when calls need them, each used by one call at a
 * time (a Chicory {@code Instance} is not thread-safe). A slot holds its idle instance, {@link #BUSY}
 * while a call uses it (or it is being made), or null when it has none: the next caller that finds no
 * idle instance makes one there. Taking and giving back an instance is a compare-and-set each.
 *
 * <p>An instance a call may have left half way (a trap, a stop, an exit) is not given back but
 * dropped; its slot is empty again, so the next call gets a fresh instance. Callers beyond the pool
 * size wait, and stop waiting when their call is cancelled or the pool closes.
 */
final class InstancePool {

    /**
     * Makes the instance of a slot, under the context of the call or load that needs it; its start
     * code runs under the slot's runner, which {@link #close()} stops.
     */
    @FunctionalInterface
    interface Factory {
        PooledInstance create(int slot, Runner runner, CallContext context);
    }

    private static final Object BUSY = new Object();
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AtomicReferenceArray<Object> slots;
    /** Every instance alive, idle or in use, so that {@link #close()} can stop the running ones. */
    private final AtomicReferenceArray<PooledInstance> live;
    /** What runs guest code in each slot, the making of its instance included. */
    private final Runner[] runners;
    private final Factory factory;
    private final String owner;
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private volatile boolean closed;

    /**
     * @param size the most instances, at least 1
     * @param owner what the pool belongs to, for messages
     */
    InstancePool(int size, Factory factory, String owner) {
        this.slots = new AtomicReferenceArray<>(size);
        this.live = new AtomicReferenceArray<>(size);
        this.runners = new Runner[size];
        for (int i = 0; i < size; i++) {
            runners[i] = new Runner();
        }
        this.factory = factory;
        this.owner = owner;
    }

    /**
     * An instance for one call: an idle one, else a new one in an empty slot, else the next one given back.
     *
     * @throws ForeignCancellationException the call was cancelled while it waited
     * @throws BridgeUnavailableException the pool is closed
     * @throws io.ggen.ffi.api.ForeignException a new instance could not be made
     */
    PooledInstance acquire(CallContext context) {
        PooledInstance instance = tryAcquire(context);
        if (instance != null) {
            return instance;
        }
        waiters.incrementAndGet();
        try {
            while (true) {
                instance = tryAcquire(context);
                if (instance != null) {
                    return instance;
                }
                if (context != null && context.isCancelled()) {
                    throw new ForeignCancellationException(ChicoryWasmBridge.LANGUAGE, "the call was cancelled while it"
                        + " waited for an instance of " + owner + " (all " + slots.length() + " were busy)");
                }
                lock.lock();
                try {
                    freed.awaitNanos(WAIT_SLICE_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ForeignCancellationException(ChicoryWasmBridge.LANGUAGE, "interrupted while waiting for an"
                        + " instance of " + owner, e);
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }

    private PooledInstance tryAcquire(CallContext context) {
        if (closed) {
            throw closedError();
        }
        for (int i = 0; i < slots.length(); i++) {
            Object slot = slots.get(i);
            if (slot instanceof PooledInstance idle && slots.compareAndSet(i, idle, BUSY)) {
                return idle;
            }
        }
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, BUSY)) {
                return create(i, context);
            }
        }
        return null;
    }

    private PooledInstance create(int slot, CallContext context) {
        PooledInstance made;
        try {
            made = factory.create(slot, runners[slot], context);
        } catch (RuntimeException | Error e) {
            slots.set(slot, null);
            signal();
            throw e;
        }
        live.set(slot, made);
        if (closed) {
            // closed while it was being made: nobody will stop or give it back
            discard(made);
            throw closedError();
        }
        return made;
    }

    /**
     * Gives an instance back after its call.
     *
     * @param healthy whether the call left it fit for the next one; if not, it is dropped
     */
    void release(PooledInstance instance, boolean healthy) {
        if (healthy && !closed) {
            slots.set(instance.slot(), instance);
            if (closed && slots.compareAndSet(instance.slot(), instance, BUSY)) {
                discard(instance); // closed meanwhile: close() may have missed it
            }
        } else {
            discard(instance);
        }
        signal();
    }

    private void discard(PooledInstance instance) {
        live.compareAndSet(instance.slot(), instance, null);
        slots.set(instance.slot(), null);
        instance.close();
    }

    private void signal() {
        if (waiters.get() > 0) {
            lock.lock();
            try {
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many instances are alive now, idle or in use. */
    int liveCount() {
        int count = 0;
        for (int i = 0; i < live.length(); i++) {
            if (live.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    /** How many calls run guest code now. */
    int runningCount() {
        int count = 0;
        for (Runner runner : runners) {
            if (runner.isRunning()) {
                count++;
            }
        }
        return count;
    }

    int size() {
        return slots.length();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Drops the idle instances and stops the running calls and the start code of instances being
     * made, whose instances are dropped when they return. Idempotent.
     */
    void close() {
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            Object slot = slots.get(i);
            if (slot instanceof PooledInstance idle && slots.compareAndSet(i, idle, BUSY)) {
                discard(idle);
            }
            runners[i].stop();
        }
        lock.lock();
        try {
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The error for a call or a binding after the pool (its module) closed. */
    BridgeUnavailableException closedError() {
        return new BridgeUnavailableException(ChicoryWasmBridge.LANGUAGE, owner + " was closed; load it again");
    }
}
