package io.ggen.ffi.memory.testing;

import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A memory manager for the bridges' unit tests (in this bundle's test-jar): blocks freed on release,
 * counted; the real one is tested in this bundle and in Felix.
 */
public final class TestMemory implements NativeMemory {

    private final AtomicInteger live = new AtomicInteger();

    /** Blocks allocated or adopted and not yet released. */
    public int live() {
        return live.get();
    }

    @Override
    public NativeBlock allocate(long size) {
        return allocate(size, 16);
    }

    @Override
    public NativeBlock allocate(long size, long alignment) {
        Arena arena = Arena.ofShared();
        return adopt(arena.allocate(size, alignment), NATIVE_MEMORY, segment -> arena.close());
    }

    @Override
    public NativeBlock adopt(MemorySegment segment, String kind, Consumer<MemorySegment> free) {
        live.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return new NativeBlock() {
            public MemorySegment segment() { return segment; }
            public long address() { return segment.address(); }
            public long size() { return segment.byteSize(); }
            public String owner() { return "test"; }
            public String language() { return "c"; }
            public String typeName() { return kind; }
            public boolean isReleased() { return released.get(); }
            public void release() {
                if (released.compareAndSet(false, true)) {
                    live.decrementAndGet();
                    free.accept(segment);
                }
            }
        };
    }

    @Override
    public MemoryUsage usage() {
        return new MemoryUsage("test", 0, live.get(), 0, 0, 0, 0);
    }
}
