package io.ggen.ffi.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

class BundleNativeMemoryTest {

    private final Logger logger = mock(Logger.class);
    private final NativeHeap heap = new NativeHeap(LeakDetection.SIMPLE, 64, 100, logger, Clock.systemUTC());
    private final BundleNativeMemory memory = new BundleNativeMemory(heap, "x.y", 42);

    @AfterEach
    void stopBundle() {
        memory.deactivate();
    }

    @Test
    void allocatedBlocksAreZeroFilledAlignedTo16AndWritable() {
        try (NativeBlock block = memory.allocate(100)) {
            MemorySegment segment = block.segment();
            assertThat(segment.byteSize()).isEqualTo(100);
            assertThat(block.address() % 16).isZero();
            assertThat(segment.toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
            segment.set(ValueLayout.JAVA_LONG, 8, 0x1122334455667788L);
            assertThat(block.segment().get(ValueLayout.JAVA_LONG, 8)).isEqualTo(0x1122334455667788L);
            assertThat(block.language()).isEqualTo("c");
            assertThat(block.typeName()).isEqualTo(NativeMemory.NATIVE_MEMORY);
            assertThat(block.owner()).isEqualTo("x.y");
        }
    }

    @Test
    void largeAlignmentsComeFromAlignedAllocAndAreZeroFilled() {
        try (NativeBlock block = memory.allocate(3000, 4096)) {
            assertThat(block.address() % 4096).isZero();
            assertThat(block.size()).isEqualTo(3000);
            assertThat(block.segment().toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        }
    }

    @Test
    void badSizesAndAlignmentsSayWhatIsWrong() {
        assertThatThrownBy(() -> memory.allocate(-1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("negative size");
        assertThatThrownBy(() -> memory.allocate(8, 24)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("power of two");
        assertThatThrownBy(() -> memory.allocate(8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(memory.usage().allocatedBlocks()).isZero();
    }

    @Test
    void releaseIsIdempotentAndTheSegmentIsGoneAfterwards() {
        NativeBlock block = memory.allocate(64);
        block.release();
        block.release();
        block.close();
        assertThat(block.isReleased()).isTrue();
        assertThatThrownBy(block::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        MemoryUsage usage = memory.usage();
        assertThat(usage.releasedBlocks()).isEqualTo(1);
        assertThat(usage.liveBlocks()).isZero();
        assertThat(usage.liveBytes()).isZero();
    }

    @Test
    void usageCountsLiveAllocatedAndReleasedBlocks() {
        NativeBlock a = memory.allocate(10);
        NativeBlock b = memory.allocate(20);
        memory.allocate(30).release();
        assertThat(memory.usage()).isEqualTo(new MemoryUsage("x.y", 42, 2, 30, 3, 1, 0));
        assertThat(heap.usageByBundle()).containsExactly(memory.usage());
        a.release();
        b.release();
        assertThat(memory.usage()).isEqualTo(new MemoryUsage("x.y", 42, 0, 0, 3, 3, 0));
    }

    @Test
    void adoptedMemoryIsFreedWithItsOwnFunctionOnce() {
        AtomicInteger frees = new AtomicInteger();
        List<Long> freedAddresses = new ArrayList<>();
        MemorySegment fromC = MemorySegment.ofAddress(LibcAllocator.allocate(12, 16)).reinterpret(12);
        NativeBlock block = memory.adopt(fromC, "char*", segment -> {
            frees.incrementAndGet();
            freedAddresses.add(segment.address());
            LibcAllocator.free(segment);
        });
        assertThat(block.typeName()).isEqualTo("char*");
        assertThat(block.size()).isEqualTo(12);
        assertThat(memory.usage().liveBytes()).isEqualTo(12);
        block.release();
        block.release();
        assertThat(frees).hasValue(1);
        assertThat(freedAddresses).containsExactly(fromC.address());
    }

    @Test
    void onlyNativeNonNullMemoryCanBeAdopted() {
        assertThatThrownBy(() -> memory.adopt(MemorySegment.NULL, "char*", s -> { }))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.adopt(MemorySegment.ofArray(new byte[4]), "char*", s -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
    }

    @Test
    void aBundleStopFreesItsLiveBlocksAndOnlyThose() {
        AtomicInteger adoptedFrees = new AtomicInteger();
        NativeBlock a = memory.allocate(100);
        NativeBlock b = memory.allocate(200, 64);
        NativeBlock released = memory.allocate(300);
        released.release();
        try (Arena arena = Arena.ofConfined()) {
            NativeBlock adopted = memory.adopt(arena.allocate(8), "int*", s -> adoptedFrees.incrementAndGet());
            BundleNativeMemory other = new BundleNativeMemory(heap, "other", 7);
            NativeBlock others = other.allocate(16);

            memory.deactivate();

            assertThat(List.of(a, b, adopted)).allMatch(NativeBlock::isReleased);
            assertThat(adoptedFrees).hasValue(1);
            assertThat(others.isReleased()).isFalse();
            assertThat(heap.usageByBundle()).extracting(MemoryUsage::owner).containsExactly("other");
            assertThat(memory.usage()).isEqualTo(new MemoryUsage("x.y", 42, 0, 0, 4, 4, 0));
            assertThatThrownBy(() -> memory.allocate(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("x.y");
            a.release();   // the owner releasing after the stop is harmless
            assertThat(adoptedFrees).hasValue(1);
            other.deactivate();
            assertThat(others.isReleased()).isTrue();
        }
    }
}
