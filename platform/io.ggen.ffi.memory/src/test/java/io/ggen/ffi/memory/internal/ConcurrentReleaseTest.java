package io.ggen.ffi.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeBlock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** Allocation and release from many threads at once. */
class ConcurrentReleaseTest {

    private static final int THREADS = 8;

    private final NativeHeap heap = new NativeHeap(LeakDetection.PARANOID, 64, 100, mock(Logger.class), Clock.systemUTC());
    private final BundleNativeMemory memory = new BundleNativeMemory(heap, "x.y", 42);
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void shutDown() {
        threads.shutdownNow();
        memory.deactivate();
    }

    @Test
    void eightThreadsAllocatingAndReleasingKeepExactCounts() throws Exception {
        int perThread = 2000;
        List<Future<List<NativeBlock>>> kept = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            kept.add(threads.submit(() -> {
                List<NativeBlock> mine = new ArrayList<>();
                List<NativeBlock> keep = new ArrayList<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                    NativeBlock block = memory.allocate(8 + random.nextInt(120));
                    block.segment().set(ValueLayout.JAVA_LONG, 0, i);   // the memory is ours to write
                    mine.add(block);
                    if (random.nextInt(4) == 0) {
                        mine.remove(random.nextInt(mine.size())).release();
                    }
                }
                for (int i = 0; i < mine.size(); i++) {
                    if (i % 10 == 0) {
                        keep.add(mine.get(i));
                    } else {
                        mine.get(i).release();
                    }
                }
                return keep;
            }));
        }
        List<NativeBlock> live = new ArrayList<>();
        for (Future<List<NativeBlock>> future : kept) {
            live.addAll(future.get());
        }

        MemoryUsage usage = memory.usage();
        assertThat(usage.allocatedBlocks()).isEqualTo(THREADS * perThread);
        assertThat(usage.liveBlocks()).isEqualTo(live.size());
        assertThat(usage.liveBytes()).isEqualTo(live.stream().mapToLong(NativeBlock::size).sum());
        assertThat(usage.releasedBlocks()).isEqualTo(THREADS * perThread - live.size());
        assertThat(usage.leakedBlocks()).isZero();
        assertThat(heap.leaks()).isEmpty();
    }

    @Test
    void eightThreadsReleasingOneBlockFreeItOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            AtomicInteger frees = new AtomicInteger();
            MemorySegment fromC = MemorySegment.ofAddress(LibcAllocator.allocate(16, 16)).reinterpret(16);
            NativeBlock block = memory.adopt(fromC, "char*", segment -> {
                frees.incrementAndGet();
                LibcAllocator.free(segment);
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> releases = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                releases.add(threads.submit(() -> {
                    start.await();
                    block.release();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> release : releases) {
                release.get();
            }
            assertThat(frees).hasValue(1);
        }
        assertThat(memory.usage().releasedBlocks()).isEqualTo(200);
        assertThat(memory.usage().liveBlocks()).isZero();
    }
}
