package io.ggen.ffi.metrics.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignStuckCallException;
import io.ggen.ffi.api.spi.CallObserver;
import io.ggen.ffi.api.spi.FunctionId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Counts calls and errors per function, exactly, and their time, sampled. A {@link CallObserver}:
 * the runtime gives every call of a function to that function's {@link Meter}, around the whole
 * pipeline (so cache hits count, and the time covers the interceptors too).
 *
 * <p>Reading the clock costs about as much as a small foreign call (two {@code System.nanoTime()}
 * are some 50 ns), so after the first 256 calls of a function, which are all timed, one call in
 * 64 is, at random gaps; mean and max come from the timed calls. Set {@code sample.every} to 1 to
 * time every call. An untimed call allocates nothing and costs two plain writes on the thread that
 * called the function first since the figures began (its owner: it alone writes its count), one
 * uncontended increment and a plain write on others.
 *
 * <p>Timed calls also go into a latency histogram per function (see {@link LatencyHistogram} for its
 * precision), since the figures began and per window of 10 seconds ({@link LatencyWindows}), for
 * {@link #latencies()}.
 */
@Component(service = {CallObserver.class, CallMetrics.class}, configurationPid = MetricsObserver.PID,
           property = "observer.name=metrics")
@Designate(ocd = MetricsObserver.Configuration.class)
public final class MetricsObserver implements CallObserver, CallMetrics {

    static final String PID = "io.ggen.ffi.metrics";
    /** How many calls of each function are timed before sampling starts. */
    static final int ALWAYS_TIMED = 256;

    @ObjectClassDefinition(name = "GGen FFI call metrics", description = "Counts, errors and latency per function.")
    @interface Configuration {
        @AttributeDefinition(name = "Time one call in", min = "1",
            description = "Time one call in this many (chosen at random); 1 times every call. Counts and errors are always exact.")
        int sample_every() default 64;
    }

    private final ConcurrentHashMap<FunctionId, Meter> meters = new ConcurrentHashMap<>();
    private final int sampleEvery;
    private final Ticker ticker;

    @Activate
    public MetricsObserver(Configuration configuration) {
        this(configuration.sample_every());
    }

    MetricsObserver(int sampleEvery) {
        this(sampleEvery, Ticker.system());
    }

    /** With a clock of its own, that times the calls and tells the windows of time apart. */
    MetricsObserver(int sampleEvery, Ticker ticker) {
        if (sampleEvery < 1) {
            throw new IllegalArgumentException(PID + ": sample.every must be 1 or more, not " + sampleEvery);
        }
        this.sampleEvery = sampleEvery;
        this.ticker = ticker;
    }

    @Override
    public Meter observe(FunctionId function) {
        return meters.computeIfAbsent(function, id -> new Meter());
    }

    /**
     * One function's calls. Its figures are one {@link Stats}, made at its first call and dropped
     * whole by {@link #reset()}. What a timed call begins with is its clock reading; an untimed
     * one's is null.
     */
    final class Meter implements CallObserver.Calls {

        /** Null until the first call, and after a reset. */
        private volatile Stats stats;

        /**
         * The common call (the owner's, untimed) is counted here and needs nothing at its end; every
         * other case goes out of line, so what the compiler inlines into the runtime's call path stays small.
         */
        @Override
        public Object begin() {
            Stats s = stats;
            if (s != null && s.owner == Thread.currentThread().threadId() && --s.untilTimed > 0) {
                s.ownerCalls++;
                return null;
            }
            return beginOther(s);
        }

        /** The owner's timed call, the first call since the figures began, or another thread's call. */
        private Long beginOther(Stats s) {
            if (s == null) {
                s = first();
            } else if (s.owner == Thread.currentThread().threadId()) {
                s.ownerCalls++;   // begin took its turn in the count-down: this call is timed
                return start(s);
            }
            if (s.owner == Thread.currentThread().threadId()) {
                s.ownerCalls++;
            } else {
                s.calls.increment();
            }
            return --s.untilTimed <= 0 ? start(s) : null;
        }

        private synchronized Stats first() {
            if (stats == null) {
                stats = new Stats(ticker);
            }
            return stats;
        }

        @Override
        public void end(Object begun, RuntimeException failure) {
            if (begun != null || failure != null) {
                endOther((Long) begun, failure);
            }
        }

        private void endOther(Long begun, RuntimeException failure) {
            Stats s = stats;
            if (s == null) {
                return;   // reset while the call ran
            }
            if (failure != null) {
                s.failed(failure);
            }
            if (begun != null) {
                long end = ticker.read();
                s.record(end - begun, end);
            }
        }

        /** Starts timing a call: draws the gap to the next timed one and reads the clock. */
        private Long start(Stats s) {
            s.untilTimed = s.firstCalls-- > 0 || sampleEvery == 1 ? 1
                : 1 + ThreadLocalRandom.current().nextInt(2 * sampleEvery - 1);   // a gap of sampleEvery on average
            return ticker.read();
        }
    }

    /** The functions called since the figures began, with their figures. */
    private Stream<Map.Entry<FunctionId, Stats>> called() {
        return meters.entrySet().stream().mapMulti((e, called) -> {
            Stats s = e.getValue().stats;   // read once: a reset may drop it meanwhile
            if (s != null) {
                called.accept(Map.entry(e.getKey(), s));
            }
        });
    }

    @Override
    public List<FunctionStats> snapshot() {
        return called()
            .map(e -> e.getValue().snapshot(e.getKey()))
            .sorted(Comparator.comparing(FunctionStats::bridge).thenComparing(FunctionStats::module)
                .thenComparing(FunctionStats::function))
            .toList();
    }

    @Override
    public List<FunctionLatency> latencies() {
        return called()
            .map(e -> e.getValue().latency(e.getKey()))
            .sorted(Comparator.comparing(FunctionLatency::bridge).thenComparing(FunctionLatency::module)
                .thenComparing(FunctionLatency::function))
            .toList();
    }

    /** Starts the figures of every function afresh: a function shows again once it is called. */
    @Override
    public void reset() {
        for (Meter meter : meters.values()) {
            meter.stats = null;
        }
    }

    private static final class Stats {
        /** The first calls are all timed, so rare functions get figures too; racy on purpose, a count-down. */
        int firstCalls = ALWAYS_TIMED;
        /** Calls left until the next timed one; racy on purpose (a lost decrement only moves a sample). */
        int untilTimed = 1;
        /**
         * The id of the thread of the first call, and its calls: exact with plain writes, since only it
         * writes them. An id, not the thread: a thread object keeps its context class loader and locals,
         * which would keep a departed bridge's classes and native libraries (ContainerIT saw it).
         */
        final long owner = Thread.currentThread().threadId();
        long ownerCalls;
        /** The calls of other threads. */
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder stuck = new LongAdder();
        final LongAdder timedCalls = new LongAdder();
        final LongAdder timedNanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
        final LatencyWindows latencies;

        Stats(Ticker ticker) {
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
            long count = ownerCalls + calls.sum();
            long total = timed == 0 ? 0 : Math.round((double) timedNanos.sum() / timed * count);
            return new FunctionStats(id.bridge(), id.module(), id.function(), count, errors.sum(), total,
                maxNanos.get(), stuck.sum());
        }
    }
}
