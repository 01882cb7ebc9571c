package io.ggen.ffi.metrics.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignStuckCallException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Counts calls and errors per function, exactly, and their time, sampled. The outermost
 * interceptor (ranking 1000), so its time covers the whole pipeline.
 *
 * <p>Reading the clock costs about as much as a small foreign call (two {@code System.nanoTime()}
 * are some 50 ns), so after the first 256 calls of a function, which are all timed, one call in
 * 16 is, at random gaps; mean and max come from the timed calls. Set {@code sample.every} to 1 to
 * time every call. An untimed call costs one uncontended increment and one plain decrement.
 *
 * <p>Timed calls also go into a latency histogram per function (see {@link LatencyHistogram} for its
 * precision), since the figures began and per window of 10 seconds ({@link LatencyWindows}), for
 * {@link #latencies()}.
 */
@Component(service = {CallInterceptor.class, CallMetrics.class}, configurationPid = MetricsInterceptor.PID,
           property = {Constants.SERVICE_RANKING + ":Integer=1000", "interceptor.name=metrics"})
@Designate(ocd = MetricsInterceptor.Configuration.class)
public final class MetricsInterceptor implements CallInterceptor, CallMetrics {

    static final String PID = "io.ggen.ffi.metrics";
    /** How many calls of each function are timed before sampling starts. */
    static final int ALWAYS_TIMED = 256;

    @ObjectClassDefinition(name = "GGen FFI call metrics", description = "Counts, errors and latency per function.")
    @interface Configuration {
        @AttributeDefinition(name = "Time one call in", min = "1",
            description = "Time one call in this many (chosen at random); 1 times every call. Counts and errors are always exact.")
        int sample_every() default 16;
    }

    private final ConcurrentHashMap<FunctionId, Stats> stats = new ConcurrentHashMap<>();
    private final int sampleEvery;
    private final Ticker ticker;
    private volatile Stats recent;

    @Activate
    public MetricsInterceptor(Configuration configuration) {
        this(configuration.sample_every());
    }

    MetricsInterceptor(int sampleEvery) {
        this(sampleEvery, Ticker.system());
    }

    /** With a clock of its own, that times the calls and tells the windows of time apart. */
    MetricsInterceptor(int sampleEvery, Ticker ticker) {
        if (sampleEvery < 1) {
            throw new IllegalArgumentException(PID + ": sample.every must be 1 or more, not " + sampleEvery);
        }
        this.sampleEvery = sampleEvery;
        this.ticker = ticker;
    }

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        Stats s = stats(invocation.functionId());
        s.calls.increment();
        if (--s.untilTimed <= 0) {
            return timed(s, next);
        }
        try {
            return next.proceed();
        } catch (RuntimeException e) {
            s.failed(e);
            throw e;
        }
    }

    private ForeignValue timed(Stats s, Chain next) {
        s.untilTimed = s.firstCalls-- > 0 || sampleEvery == 1 ? 1
            : 1 + ThreadLocalRandom.current().nextInt(2 * sampleEvery - 1);   // a gap of sampleEvery on average
        long start = ticker.read();
        try {
            return next.proceed();
        } catch (RuntimeException e) {
            s.failed(e);
            throw e;
        } finally {
            long end = ticker.read();
            s.record(end - start, end);
        }
    }

    /** The function's figures; the last one used is kept at hand, since calls come in runs. */
    private Stats stats(FunctionId id) {
        Stats last = recent;
        if (last != null && last.id == id) {
            return last;
        }
        Stats s = stats.computeIfAbsent(id, key -> new Stats(key, ticker));
        recent = s;
        return s;
    }

    @Override
    public List<FunctionStats> snapshot() {
        return stats.entrySet().stream()
            .map(e -> e.getValue().snapshot(e.getKey()))
            .sorted(Comparator.comparing(FunctionStats::bridge).thenComparing(FunctionStats::module)
                .thenComparing(FunctionStats::function))
            .toList();
    }

    @Override
    public List<FunctionLatency> latencies() {
        return stats.entrySet().stream()
            .map(e -> e.getValue().latency(e.getKey()))
            .sorted(Comparator.comparing(FunctionLatency::bridge).thenComparing(FunctionLatency::module)
                .thenComparing(FunctionLatency::function))
            .toList();
    }

    @Override
    public void reset() {
        recent = null;
        stats.clear();
    }

    private static final class Stats {
        final FunctionId id;
        /** The first calls are all timed, so rare functions get figures too; racy on purpose, a count-down. */
        int firstCalls = ALWAYS_TIMED;
        /** Calls left until the next timed one; racy on purpose (a lost decrement only moves a sample). */
        int untilTimed = 1;
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder stuck = new LongAdder();
        final LongAdder timedCalls = new LongAdder();
        final LongAdder timedNanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
        final LatencyWindows latencies;

        Stats(FunctionId id, Ticker ticker) {
            this.id = id;
            this.latencies = new LatencyWindows(ticker);
        }

        void failed(RuntimeException e) {
            errors.increment();
            if (e instanceof ForeignStuckCallException) {
                stuck.increment();
            }
        }

        void record(long nanos, long endNanos) {
            timedCalls.increment();
            timedNanos.add(nanos);
            if (nanos > maxNanos.get()) {
                maxNanos.accumulate(nanos);
            }
            latencies.record(nanos, endNanos);
        }

        FunctionLatency latency(FunctionId id) {
            return new FunctionLatency(id.bridge(), id.module(), id.function(), latencies.all(), latencies.recent());
        }

        /** Total time estimated from the timed calls: calls x their mean. */
        FunctionStats snapshot(FunctionId id) {
            long timed = timedCalls.sum();
            long count = calls.sum();
            long total = timed == 0 ? 0 : Math.round((double) timedNanos.sum() / timed * count);
            return new FunctionStats(id.bridge(), id.module(), id.function(), count, errors.sum(), total,
                maxNanos.get(), stuck.sum());
        }
    }
}
