package io.ggen.ffi.metrics.internal;

import io.ggen.ffi.api.CallMetrics.Latency;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency of one function's timed calls: one histogram since the figures began, and one for the
 * current window of 10 seconds. Windows are counted from the interceptor's start, the same for
 * every function. When a call ends in a later window, the current one is summed up (count,
 * percentiles, max) and kept as such, so only two histograms per function stay in memory; the
 * last {@value #KEPT} windows with calls are kept, including the current one.
 *
 * <p>A call that ends while another thread closes its window may be counted in the figures since
 * the beginning and missed in that window's.
 */
final class LatencyWindows {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int KEPT = 60;
    private static final long WINDOW_NANOS = WINDOW.toNanos();

    private final Ticker ticker;
    private final long startNanos;
    private final LatencyHistogram all = new LatencyHistogram();
    /** The window of the latest timed call; null before the first. */
    private volatile Window current;
    /** The closed windows with calls, oldest first; at most KEPT - 1. Guarded by this. */
    private final ArrayDeque<Latency> closed = new ArrayDeque<>();

    private record Window(long index, LatencyHistogram histogram) {
    }

    LatencyWindows(Ticker ticker) {
        this.ticker = ticker;
        this.startNanos = ticker.read();
    }

    /** Records a timed call that took {@code nanos} and ended at the ticker reading {@code endNanos}. */
    void record(long nanos, long endNanos) {
        all.record(nanos);
        long index = Math.floorDiv(endNanos - ticker.originNanos(), WINDOW_NANOS);
        Window window = current;
        if (window == null || index > window.index()) {
            window = roll(index);
        }
        window.histogram().record(nanos);   // a call that ended late in an older window counts in the current one
    }

    private synchronized Window roll(long index) {
        Window window = current;
        if (window != null && index <= window.index()) {
            return window;   // another thread rolled first
        }
        if (window != null) {
            closed.addLast(latency(window, WINDOW_NANOS));
            while (closed.size() > KEPT - 1) {
                closed.removeFirst();
            }
        }
        Window next = new Window(index, new LatencyHistogram());
        current = next;
        return next;
    }

    /** Since the beginning, until now. */
    Latency all() {
        long now = ticker.read();
        return latency(all.summary(), startNanos, now - startNanos);
    }

    /** The windows with calls, oldest first; the current one lasts until now, at most 10 seconds. */
    synchronized List<Latency> recent() {
        List<Latency> recent = new ArrayList<>(closed);
        Window window = current;
        if (window != null) {
            long elapsed = ticker.read() - windowStart(window);
            recent.add(latency(window, Math.clamp(elapsed, 0, WINDOW_NANOS)));
        }
        return recent;
    }

    private Latency latency(Window window, long lengthNanos) {
        return latency(window.histogram().summary(), windowStart(window), lengthNanos);
    }

    private long windowStart(Window window) {
        return ticker.originNanos() + window.index() * WINDOW_NANOS;
    }

    private Latency latency(LatencyHistogram.Summary summary, long startReading, long lengthNanos) {
        return new Latency(ticker.instant(startReading), Duration.ofNanos(lengthNanos), summary.count(),
            summary.p50(), summary.p99(), summary.max());
    }
}
