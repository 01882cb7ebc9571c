package io.ggen.ffi.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeBlock;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** Blocks dropped without release: found by the Cleaner, freed once, reported per the level. */
class LeakDetectionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Logger logger = mock(Logger.class);
    private NativeHeap heap;

    private BundleNativeMemory memoryAt(LeakDetection level, int samplingInterval, int maxReports) {
        heap = new NativeHeap(level, samplingInterval, maxReports, logger, Clock.systemUTC());
        return new BundleNativeMemory(heap, "x.y", 42);
    }

    @Test
    void paranoidReportsADroppedBlockWithWhereItWasAllocated() {
        BundleNativeMemory memory = memoryAt(LeakDetection.PARANOID, 64, 100);
        dropAllocatedBlock(memory, 64);

        // the Cleaner thread counts the leak, adds its report, then logs it: wait for the last
        collectGarbageUntil(() -> Logged.lines(logger).stream().anyMatch(line -> line.startsWith("warn: [LEAK")));

        LeakReport leak = heap.leaks().getFirst();
        assertThat(leak.owner()).isEqualTo("x.y");
        assertThat(leak.size()).isEqualTo(64);
        assertThat(leak.kind()).isEqualTo("native memory");
        assertThat(leak.allocationSite().getFirst().getMethodName()).isEqualTo("dropAllocatedBlock");
        assertThat(memory.usage()).isEqualTo(new MemoryUsage("x.y", 42, 0, 0, 1, 0, 1));
        assertThat(Logged.lines(logger)).anySatisfy(line -> assertThat(line)
            .startsWith("warn: [LEAK: 64 bytes of native memory (native memory) allocated by bundle x.y was never released")
            .contains("it was allocated at:", "LeakDetectionTest.dropAllocatedBlock"));
    }

    @Test
    void simpleReportsTheLeakWithoutAnAllocationSite() {
        BundleNativeMemory memory = memoryAt(LeakDetection.SIMPLE, 64, 100);
        dropAllocatedBlock(memory, 32);

        collectGarbageUntil(() -> !heap.leaks().isEmpty());

        LeakReport leak = heap.leaks().getFirst();
        assertThat(leak.size()).isEqualTo(32);
        assertThat(leak.allocationSite()).isEmpty();
        assertThat(leak.message()).contains("set leak.detection to ADVANCED or PARANOID");
    }

    @Test
    void advancedRecordsTheSiteOfOneBlockInTheSamplingInterval() {
        BundleNativeMemory memory = memoryAt(LeakDetection.ADVANCED, 3, 100);
        for (int i = 0; i < 6; i++) {
            dropAllocatedBlock(memory, 8);
        }

        collectGarbageUntil(() -> heap.leaks().size() == 6);

        assertThat(heap.leaks()).filteredOn(leak -> !leak.allocationSite().isEmpty()).hasSize(2);
    }

    @Test
    void aLeakedAdoptedBlockIsFreedWithItsFunctionOnceAndCannotBeReleasedAgain() {
        BundleNativeMemory memory = memoryAt(LeakDetection.SIMPLE, 64, 100);
        AtomicInteger frees = new AtomicInteger();
        WeakReference<NativeBlock> dropped = new WeakReference<>(adopt(memory, frees));

        collectGarbageUntil(() -> memory.usage().leakedBlocks() == 1);   // counted after the free function ran
        memory.deactivate();

        assertThat(dropped.get()).isNull();
        assertThat(frees).hasValue(1);
        assertThat(memory.usage().leakedBlocks()).isEqualTo(1);
        assertThat(memory.usage().releasedBlocks()).isZero();
    }

    @Test
    void onlyTheLatestReportsAreKeptNewestLast() {
        BundleNativeMemory memory = memoryAt(LeakDetection.SIMPLE, 64, 2);
        dropAllocatedBlock(memory, 1);
        collectGarbageUntil(() -> heap.leaks().size() == 1);
        dropAllocatedBlock(memory, 2);
        collectGarbageUntil(() -> memory.usage().leakedBlocks() == 2);
        dropAllocatedBlock(memory, 3);
        collectGarbageUntil(() -> heap.leaks().stream().anyMatch(leak -> leak.size() == 3));   // reported after counted

        assertThat(heap.leaks()).extracting(LeakReport::size).containsExactly(2L, 3L);
    }

    @Test
    void disabledNeverReportsAndKeepsTheDroppedBlockUntilTheBundleStops() throws InterruptedException {
        BundleNativeMemory memory = memoryAt(LeakDetection.DISABLED, 64, 100);
        AtomicInteger frees = new AtomicInteger();
        WeakReference<NativeBlock> dropped = new WeakReference<>(adopt(memory, frees));

        collectGarbageUntil(() -> dropped.get() == null);
        System.gc();
        // nothing may happen: time for a Cleaner, if one had been registered, to act
        await("no Cleaner acts").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
            .until(() -> heap.leaks().isEmpty() && frees.get() == 0);

        assertThat(heap.leaks()).isEmpty();
        assertThat(frees).hasValue(0);
        assertThat(memory.usage().liveBlocks()).isEqualTo(1);
        memory.deactivate();
        assertThat(frees).hasValue(1);
        assertThat(memory.usage().releasedBlocks()).isEqualTo(1);
    }

    private static void dropAllocatedBlock(BundleNativeMemory memory, long size) {
        memory.allocate(size);
    }

    private static NativeBlock adopt(BundleNativeMemory memory, AtomicInteger frees) {
        MemorySegment fromC = MemorySegment.ofAddress(LibcAllocator.allocate(24, 16)).reinterpret(24);
        return memory.adopt(fromC, "char*", segment -> {
            frees.incrementAndGet();
            LibcAllocator.free(segment);
        });
    }

    private static void collectGarbageUntil(BooleanSupplier condition) {
        await("reached with System.gc()").atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
            .until(() -> {
                if (condition.getAsBoolean()) {
                    return true;
                }
                System.gc();   // and look again at the next poll
                return false;
            });
    }
}
