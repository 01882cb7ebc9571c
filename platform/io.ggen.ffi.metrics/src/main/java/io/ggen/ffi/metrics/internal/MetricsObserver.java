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
 * time every call. An untimed call allocates nothing. On the thread that called the function first
 * since the figures began (its owner) it costs one plain write: a step of the count-down to the next
 * timed call, which is also its count (only the owner writes it); on others, an uncontended increment,
 * and they are timed at random.
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

        /** {@link Stats#NOT_CALLED} until the first call, and after a reset. */
        private volatile Stats stats = Stats.NOT_CALLED;

        /**
         * The common call (the owner's, untimed) takes its turn in the count-down to the next timed
         * call, which counts it too, and needs nothing at its end; every other case goes out of line,
         * so what the compiler inlines into the runtime's call path stays small.
         */
        @Override
        public Object begin() {
            Stats s = stats;
            if (s.owner == Thread.currentThread().threadId() && --s.untilTimed > 0) {
                return null;
            }
            return beginOther(s);
        }

        /** The owner's timed call, the first call since the figures began, or another thread's call. */
        private Long beginOther(Stats s) {
            long self = Thread.currentThread().threadId();
            boolean counted = s.owner == self;   // begin took its turn in the count-down
            if (s == Stats.NOT_CALLED) {
                s = first(self);
            }
            if (s.owner == self) {
                if (!counted && --s.untilTimed > 0) {
                    return null;
                }
                s.ownerCalls += s.gap;   // the gap's calls, this one the last
                return start(s);
            }
            s.calls.increment();
            // the owner's count-down is its alone: other threads' calls are drawn at random
            return s.firstCall() || ThreadLocalRandom.current().nextInt(sampleEvery) == 0 ? ticker.read() : null;
        }

        private synchronized Stats first(long self) {
            if (stats == Stats.NOT_CALLED) {
                stats = new Stats(self, new LatencyWindows(ticker));
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
            if (s == Stats.NOT_CALLED) {
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

        /** Starts timing one of the owner's calls: draws the gap to its next timed one and reads the clock. */
        private Long start(Stats s) {
            int gap = s.firstCall() || sampleEvery == 1 ? 1
                : 1 + ThreadLocalRandom.current().nextInt(2 * sampleEvery - 1);   // a gap of sampleEvery on average
            s.gap = gap;
            s.untilTimed = gap;
            return ticker.read();
        }
    }

    /** The functions called since the figures began, with their figures. */
    private Stream<Map.Entry<FunctionId, Stats>> called() {
        return meters.entrySet().stream().mapMulti((e, called) -> {
            Stats s = e.getValue().stats;   // read once: a reset may drop it meanwhile
            if (s != Stats.NOT_CALLED) {
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
            meter.stats = Stats.NOT_CALLED;
        }
    }

    private static final class Stats {
        /** A function's figures before its first call: no thread owns them, so every call goes out of line. */
        static final Stats NOT_CALLED = new Stats(-1, null);

        /** The first calls are all timed, so rare functions get figures too; racy on purpose, a count-down. */
        int firstCalls = ALWAYS_TIMED;
        /**
         * The owner's count-down to its next timed call, from {@code gap}: its calls are {@code ownerCalls}
         * (those of the gaps before) and {@code gap - untilTimed}. Exact with plain writes, since only the
         * owner writes them.
         */
        int untilTimed = 1;
        int gap = 1;
        long ownerCalls;
        /**
         * The id of the thread of the first call. An id, not the thread: a thread object keeps its context
         * class loader and locals, which would keep a departed bridge's classes and native libraries
         * (ContainerIT saw it).
         */
        final long owner;
        /** The calls of other threads. */
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder stuck = new LongAdder();
        /** The timed calls' time; their number and the longest are the latency histogram's. */
        final LongAdder timedNanos = new LongAdder();
        final LatencyWindows latencies;

        Stats(long owner, LatencyWindows latencies) {
            this.owner = owner;
            this.latencies = latencies;
        }

        /** Whether this is one of the first calls, all timed; counts it down, stopping at zero. */
        boolean firstCall() {
            if (firstCalls > 0) {
                firstCalls--;
                return true;
            }
            return false;
        }

        void failed(RuntimeException e) {
            errors.increment();
            if (e instanceof ForeignStuckCallException) {
                stuck.increment();
            }
        }

        void record(long nanos, long endNanos) {
            timedNanos.add(nanos);
            latencies.record(nanos, endNanos);
        }

        FunctionLatency latency(FunctionId id) {
            return new FunctionLatency(id.bridge(), id.module(), id.function(), latencies.all(), latencies.recent());
        }

        /** Total time estimated from the timed calls: calls x their mean. */
        FunctionStats snapshot(FunctionId id) {
            Latency timed = latencies.all();
            long count = ownerCalls + gap - untilTimed + calls.sum();
            long total = timed.timedCalls() == 0 ? 0
                : Math.round((double) timedNanos.sum() / timed.timedCalls() * count);
            return new FunctionStats(id.bridge(), id.module(), id.function(), count, errors.sum(), total,
                timed.maxNanos(), stuck.sum());
        }
    }
}
