package io.ggen.ffi.metrics.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;

/**
 * Counts calls, errors and time per function. The outermost interceptor (ranking 1000), so its
 * time covers the whole pipeline. Contention-free counters ({@link LongAdder}).
 */
@Component(service = {CallInterceptor.class, CallMetrics.class},
           property = {Constants.SERVICE_RANKING + ":Integer=1000", "interceptor.name=metrics"})
public final class MetricsInterceptor implements CallInterceptor, CallMetrics {

    private final ConcurrentHashMap<FunctionId, Stats> stats = new ConcurrentHashMap<>();

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        Stats s = stats.get(invocation.functionId());
        if (s == null) {
            s = stats.computeIfAbsent(invocation.functionId(), id -> new Stats());
        }
        long start = System.nanoTime();
        try {
            return next.proceed();
        } catch (RuntimeException e) {
            s.errors.increment();
            throw e;
        } finally {
            s.record(System.nanoTime() - start);
        }
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
    public void reset() {
        stats.clear();
    }

    private static final class Stats {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder totalNanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

        void record(long nanos) {
            calls.increment();
            totalNanos.add(nanos);
            if (nanos > maxNanos.get()) {
                maxNanos.accumulate(nanos);
            }
        }

        FunctionStats snapshot(FunctionId id) {
            return new FunctionStats(id.bridge(), id.module(), id.function(), calls.sum(), errors.sum(),
                totalNanos.sum(), maxNanos.get());
        }
    }
}
