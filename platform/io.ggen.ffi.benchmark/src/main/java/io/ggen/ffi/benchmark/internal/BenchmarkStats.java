package io.ggen.ffi.benchmark.internal;

import java.util.Arrays;

/**
 * Median and 99th percentile of per-call times, in nanoseconds. Nearest-rank percentiles on the
 * sorted samples: no interpolation, so every figure is a time that was really measured.
 *
 * @param count the number of samples
 * @param median the 50th percentile
 * @param p99 the 99th percentile
 */
record BenchmarkStats(int count, double median, double p99) {

    /** Statistics of {@code samples} (ns each); the array is sorted in place. */
    static BenchmarkStats of(long[] samples) {
        return of(samples, 1);
    }

    /**
     * Statistics of {@code samples}, each the time of {@code perSample} items (a batch): the figures
     * are per item.
     */
    static BenchmarkStats of(long[] samples, int perSample) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (perSample < 1) {
            throw new IllegalArgumentException("perSample must be at least 1, not " + perSample);
        }
        Arrays.sort(samples);
        return new BenchmarkStats(samples.length, (double) percentile(samples, 50) / perSample,
            (double) percentile(samples, 99) / perSample);
    }

    /** The nearest-rank percentile of sorted samples: the smallest value with at least p% of samples at or below it. */
    static long percentile(long[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], not " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
