package io.ggen.ffi.memory.internal;

import io.ggen.ffi.memory.MemoryUsage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live blocks of one bundle and its counts. It holds the blocks' {@link BlockState}s, never the
 * blocks themselves, so that a dropped block can still become unreachable and be found by the Cleaner.
 */
final class OwnerLedger {

    final String owner;
    final long bundleId;
    final NativeHeap heap;
    private final Set<BlockState> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong liveBytes = new AtomicLong();
    private final LongAdder allocated = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder leaked = new LongAdder();
    private volatile boolean closed;

    /** What {@link #close()} freed. */
    record Freed(long blocks, long bytes) {
    }

    OwnerLedger(String owner, long bundleId, NativeHeap heap) {
        this.owner = owner;
        this.bundleId = bundleId;
        this.heap = heap;
    }

    /** Tracks a new block; frees it at once if the bundle released the service meanwhile. */
    void add(BlockState block) {
        live.add(block);
        liveBytes.addAndGet(block.size);
        allocated.increment();
        if (closed) {
            block.free(BlockState.Outcome.RELEASED_AT_STOP);
            throw notOpen();
        }
    }

    void checkOpen() {
        if (closed) {
            throw notOpen();
        }
    }

    private IllegalStateException notOpen() {
        return new IllegalStateException("bundle " + owner + " [" + bundleId
            + "] has released its NativeMemory service (it stopped?): it cannot allocate any more");
    }

    /** Called once per block, by whoever freed it. */
    void freed(BlockState block, BlockState.Outcome outcome) {
        live.remove(block);
        liveBytes.addAndGet(-block.size);
        if (outcome == BlockState.Outcome.LEAKED) {
            leaked.increment();
            heap.leaked(block);
        } else {
            released.increment();
        }
    }

    /**
     * Frees every live block: the bundle released the service.
     *
     * @return what was freed here
     */
    Freed close() {
        closed = true;
        long blocks = 0;
        long bytes = 0;
        for (BlockState block : live) {
            try {
                if (block.free(BlockState.Outcome.RELEASED_AT_STOP)) {
                    blocks++;
                    bytes += block.size;
                }
            } catch (RuntimeException e) {
                // one failing free function must not keep the others' memory: counted as released, logged
                heap.freeFailed(block, e);
            }
        }
        return new Freed(blocks, bytes);
    }

    MemoryUsage usage() {
        return new MemoryUsage(owner, bundleId, live.size(), liveBytes.get(), allocated.sum(), released.sum(),
            leaked.sum());
    }
}
