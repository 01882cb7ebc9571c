package io.ggen.ffi.memory.internal;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What it takes to free a block, kept apart from the {@link TrackedBlock} so that the {@code Cleaner}
 * action (this object's {@link #run()}) does not keep the block reachable. Whoever wins the
 * {@code freed} flag frees the memory: {@link TrackedBlock#release()}, the Cleaner or the bundle stop.
 */
final class BlockState implements Runnable {

    /** How a block ended. */
    enum Outcome { RELEASED, RELEASED_AT_STOP, LEAKED }

    final long address;
    final long size;
    final String kind;
    final OwnerLedger ledger;
    /** Where the block was allocated, or null when the level did not record it. */
    final Throwable allocationSite;
    private final Consumer<MemorySegment> free;
    private final AtomicBoolean freed = new AtomicBoolean();
    /** The Cleaner registration, cleaned when the block is freed otherwise; null at DISABLED. */
    private volatile Cleaner.Cleanable cleanable;

    BlockState(long address, long size, String kind, Consumer<MemorySegment> free, OwnerLedger ledger,
               Throwable allocationSite) {
        this.address = address;
        this.size = size;
        this.kind = kind;
        this.free = free;
        this.ledger = ledger;
        this.allocationSite = allocationSite;
    }

    void registered(Cleaner.Cleanable registration) {
        this.cleanable = registration;
    }

    boolean isFreed() {
        return freed.get();
    }

    /**
     * Frees the memory unless it is already freed.
     *
     * @return whether this call freed it
     */
    boolean free(Outcome outcome) {
        if (!freed.compareAndSet(false, true)) {
            return false;
        }
        try {
            free.accept(MemorySegment.ofAddress(address).reinterpret(size));
        } finally {
            ledger.freed(this, outcome);
            Cleaner.Cleanable registration = cleanable;
            if (registration != null && outcome != Outcome.LEAKED) {
                registration.clean();   // unregisters; run() then finds the flag set and does nothing
            }
        }
        return true;
    }

    /** The Cleaner action: the block became unreachable without being released. */
    @Override
    public void run() {
        try {
            free(Outcome.LEAKED);
        } catch (RuntimeException e) {
            // the Cleaner would drop it silently: the leak is counted (ledger.freed ran), the failure logged
            ledger.heap.freeFailed(this, e);
        }
    }
}
