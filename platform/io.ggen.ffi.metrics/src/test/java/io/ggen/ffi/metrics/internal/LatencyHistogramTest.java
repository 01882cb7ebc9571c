package io.ggen.ffi.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ggen.ffi.metrics.internal.LatencyHistogram.Summary;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramSaysZero() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(new Summary(0, 0, 0, 0));
    }

    @Test
    void shortDurationsAreExact() {
        LatencyHistogram histogram = histogram(LongStream.rangeClosed(0, 31));
        assertThat(histogram.summary()).isEqualTo(new Summary(32, 15, 31, 31));
    }

    @Test
    void percentilesOfKnownSamplesAreWithinOneThirtySecond() {
        // 1..1000 microseconds: the median is the 500th, the 99th percentile the 990th
        Summary summary = histogram(LongStream.rangeClosed(1, 1000).map(i -> i * 1000)).summary();
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500_000L, within(500_000L / 32));
        assertThat(summary.p99()).isCloseTo(990_000L, within(990_000L / 32));
        assertThat(summary.max()).isEqualTo(1_000_000L);
    }

    @Test
    void aFewSlowCallsShowInTheTailOnly() {
        LatencyHistogram histogram = histogram(LongStream.concat(
            LongStream.generate(() -> 2_000).limit(980), LongStream.generate(() -> 50_000_000).limit(20)));
        Summary summary = histogram.summary();
        assertThat(summary.p50()).isCloseTo(2_000L, within(2_000L / 32));
        assertThat(summary.p99()).isCloseTo(50_000_000L, within(50_000_000L / 32));
    }

    @Test
    void durationsBeyondTheTopBucketAreReportedAsTheLongest() {
        long hour = 3_600_000_000_000L;
        Summary summary = histogram(LongStream.of(hour, hour + 1)).summary();
        assertThat(summary.p50()).isEqualTo(hour + 1);
        assertThat(summary.max()).isEqualTo(hour + 1);
    }

    @Test
    void bucketsAreContiguousAndTheirMiddlesFallInThem() {
        for (long nanos = 0; nanos < 1L << 41; nanos = nanos < 4096 ? nanos + 1 : nanos + nanos / 7) {
            int index = LatencyHistogram.index(nanos);
            assertThat(index).isBetween(0, LatencyHistogram.BUCKETS - 1);
            assertThat(LatencyHistogram.index(nanos + 1)).isBetween(index, index + 1);
            if (index < LatencyHistogram.BUCKETS - 1) {
                assertThat(LatencyHistogram.index(LatencyHistogram.middle(index))).isEqualTo(index);
            }
        }
    }

    @Property
    void percentilesAreWithinOneThirtySecondOfTheNearestRank(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 1L << 39) Long> samples) {
        LatencyHistogram histogram = new LatencyHistogram();
        samples.forEach(histogram::record);
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();

        Summary summary = histogram.summary();

        assertThat(summary.count()).isEqualTo(sorted.length);
        assertThat(summary.max()).isEqualTo(sorted[sorted.length - 1]);
        assertNearRank(summary.p50(), sorted, 0.50);
        assertNearRank(summary.p99(), sorted, 0.99);
    }

    private static void assertNearRank(long reported, long[] sorted, double q) {
        long exact = sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
        assertThat(reported).as("percentile %s of %s", q, Arrays.toString(sorted))
            .isCloseTo(exact, within(exact / 32));
    }

    private static LatencyHistogram histogram(LongStream samples) {
        LatencyHistogram histogram = new LatencyHistogram();
        samples.forEach(histogram::record);
        return histogram;
    }
}
