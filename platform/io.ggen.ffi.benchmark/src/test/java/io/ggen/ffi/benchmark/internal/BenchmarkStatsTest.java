package io.ggen.ffi.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank median and p99: every figure is a time that was really measured. */
class BenchmarkStatsTest {

    @Test
    void medianAndP99OfOneToAHundred() {
        BenchmarkStats stats = BenchmarkStats.of(LongStream.rangeClosed(1, 100).toArray());
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.median()).isEqualTo(50);
        assertThat(stats.p99()).isEqualTo(99);
    }

    @Test
    void samplesNeedNotBeSorted() {
        long[] shuffled = {900, 100, 500, 300, 700, 200, 800, 400, 600, 1000};
        BenchmarkStats stats = BenchmarkStats.of(shuffled);
        assertThat(stats.median()).isEqualTo(500);
        assertThat(stats.p99()).as("the largest of ten: ceil(9.9) = rank 10").isEqualTo(1000);
    }

    @Test
    void p99IgnoresTheSlowestPercentOnly() {
        long[] samples = LongStream.rangeClosed(1, 1000).map(i -> i <= 990 ? 100 : 1_000_000).toArray();
        BenchmarkStats stats = BenchmarkStats.of(samples);
        assertThat(stats.median()).isEqualTo(100);
        assertThat(stats.p99()).as("rank 990 is still a fast call").isEqualTo(100);
        samples[0] = 1_000_000; // now 11 slow calls: the p99 is one of them
        assertThat(BenchmarkStats.of(samples).p99()).isEqualTo(1_000_000);
    }

    @Test
    void oneSampleIsItsOwnMedianAndP99() {
        BenchmarkStats stats = BenchmarkStats.of(new long[] {42});
        assertThat(stats.median()).isEqualTo(42);
        assertThat(stats.p99()).isEqualTo(42);
    }

    @Test
    void batchTimesArePerItem() {
        BenchmarkStats stats = BenchmarkStats.of(new long[] {1000, 2000, 3000}, 100);
        assertThat(stats.median()).isEqualTo(20.0);
        assertThat(stats.p99()).isEqualTo(30.0);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> BenchmarkStats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkStats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void figuresArePrintedAsWholeNanosecondsOrOneDecimalBelowTen() {
        assertThat(BenchmarkReport.format(1234.4)).isEqualTo("1234");
        assertThat(BenchmarkReport.format(2.46)).isEqualTo("2.5");
    }
}
