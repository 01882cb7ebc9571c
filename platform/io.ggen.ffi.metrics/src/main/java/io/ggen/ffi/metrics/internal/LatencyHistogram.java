package io.ggen.ffi.metrics.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts durations in a fixed log-linear histogram: every power of two from 16 ns to 2<sup>40</sup> ns
 * (about 18 minutes) is split into 16 equal buckets, durations under 32 ns have a bucket each, and
 * one more bucket takes everything longer. 593 {@code long}s, lock-free.
 *
 * <p>Precision: a bucket is at most 1/16 as wide as its lowest value, and a percentile is reported
 * as the middle of its bucket, so it is within 1/32 of the true one (the nearest-rank sample); under
 * 32 ns it is exact. It never exceeds the longest duration, which is kept exactly; a percentile in
 * the overflow bucket is that longest duration.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    /** Durations of 2^TOP_EXPONENT ns and more go to the overflow bucket. */
    private static final int TOP_EXPONENT = 40;
    private static final int OVERFLOW = SUB + (TOP_EXPONENT - SUB_BITS) * SUB;
    static final int BUCKETS = OVERFLOW + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        counts.getAndIncrement(index(nanos));
        long longest = max.get();
        while (nanos > longest && !max.compareAndSet(longest, nanos)) {
            longest = max.get();
        }
    }

    /** The counts now; a call recorded meanwhile may be in the count but not yet in the max, or the reverse. */
    Summary summary() {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        long longest = max.get();
        return new Summary(total, percentile(snapshot, total, 0.50, longest),
            percentile(snapshot, total, 0.99, longest), longest);
    }

    /** The count, two percentiles and the longest duration, in nanoseconds; all 0 without calls. */
    record Summary(long count, long p50, long p99, long max) {
    }

    static int index(long nanos) {
        if (nanos < SUB) {
            return (int) Math.max(nanos, 0);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent >= TOP_EXPONENT) {
            return OVERFLOW;
        }
        return SUB + (exponent - SUB_BITS) * SUB + (int) ((nanos >>> (exponent - SUB_BITS)) & (SUB - 1));
    }

    /** The middle of a bucket (below the overflow bucket), the value reported for it. */
    static long middle(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = (index - SUB) / SUB + SUB_BITS;
        long width = 1L << (exponent - SUB_BITS);
        long lowest = (1L << exponent) + (index - SUB) % SUB * width;
        return lowest + width / 2;
    }

    /** The nearest-rank percentile: the smallest bucket holding at least {@code q} of the calls. */
    private static long percentile(long[] counts, long total, double q, long longest) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < OVERFLOW; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(middle(i), longest);
            }
        }
        return longest;
    }
}
