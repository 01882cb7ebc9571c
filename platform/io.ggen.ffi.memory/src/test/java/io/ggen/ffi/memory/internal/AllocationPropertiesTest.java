package io.ggen.ffi.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.NativeBlock;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.osgi.service.log.Logger;

class AllocationPropertiesTest {

    private final NativeHeap heap = new NativeHeap(LeakDetection.SIMPLE, 64, 100, mock(Logger.class), Clock.systemUTC());
    private final BundleNativeMemory memory = new BundleNativeMemory(heap, "x.y", 42);

    @Property(tries = 300)
    void everyBlockIsZeroFilledAlignedAndAsLargeAsAskedFor(@ForAll @IntRange(min = 0, max = 70_000) int size,
                                                           @ForAll @IntRange(min = 0, max = 13) int alignmentPower) {
        long alignment = 1L << alignmentPower;
        try (NativeBlock block = memory.allocate(size, alignment)) {
            assertThat(block.address() % alignment).isZero();
            assertThat(block.address() % LibcAllocator.CALLOC_ALIGNMENT).isZero();
            assertThat(block.segment().byteSize()).isEqualTo(size);
            assertThat(block.segment().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[size]);
            block.segment().fill((byte) 0x5A);   // dirty it: a reused chunk must come back zeroed
        }
    }

    @Property(tries = 200)
    void liveBytesAreTheSizesOfTheBlocksNotYetReleased(@ForAll @Size(max = 30) List<@IntRange(max = 5000) Integer> sizes,
                                                       @ForAll @Size(max = 30) List<Boolean> releases) {
        long before = memory.usage().liveBytes();
        List<NativeBlock> blocks = sizes.stream().map(size -> memory.allocate(size)).toList();
        long expected = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (i < releases.size() && releases.get(i)) {
                blocks.get(i).release();
            } else {
                expected += blocks.get(i).size();
            }
        }
        assertThat(memory.usage().liveBytes() - before).isEqualTo(expected);
        blocks.forEach(NativeBlock::release);
        assertThat(memory.usage().liveBytes()).isEqualTo(before);
    }
}
