package io.ggen.ffi.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.CallMetrics.FunctionStats;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.FunctionId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {

    private final MetricsObserver metrics = new MetricsObserver(1);

    @Test
    void countsCallsAndErrorsPerFunction() {
        FunctionId add = new FunctionId("b", "m", "add");
        FunctionId fail = new FunctionId("b", "m", "fail");
        for (long i = 1; i <= 3; i++) {
            ForeignValue result = ForeignValue.of(i);
            assertThat(Observed.run(metrics, add, () -> result)).isEqualTo(result);
        }
        assertThatThrownBy(() -> Observed.run(metrics, fail, () -> {
            throw new ForeignException("test", "Boom", "no");
        })).isInstanceOf(ForeignException.class);

        List<FunctionStats> snapshot = metrics.snapshot();
        assertThat(snapshot).extracting(FunctionStats::function).containsExactly("add", "fail");
        assertThat(snapshot.get(0).calls()).isEqualTo(3);
        assertThat(snapshot.get(0).errors()).isZero();
        assertThat(snapshot.get(1).calls()).isEqualTo(1);
        assertThat(snapshot.get(1).errors()).isEqualTo(1);
    }

    @Test
    void measuresTimeSpentInTheRestOfThePipeline() {
        FunctionId slow = new FunctionId("b", "m", "slow");
        Observed.run(metrics, slow, () -> {
            try {
                Thread.sleep(20);   // not a wait: the slow rest of the pipeline that is measured
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ForeignValue.NULL;
        });
        FunctionStats stats = metrics.snapshot().getFirst();
        assertThat(stats.maxNanos()).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(stats.meanNanos()).isEqualTo((double) stats.totalNanos());
        metrics.reset();
        assertThat(metrics.snapshot()).isEmpty();
    }

    @Test
    void theFirstCallsOfAFunctionAreAllTimed() throws InterruptedException {
        MetricsObserver sampled = new MetricsObserver(1_000_000);
        FunctionId id = new FunctionId("b", "m", "rare");
        Observed.run(sampled, id, () -> {
            try {
                Thread.sleep(5);   // not a wait: the call's time that is measured
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ForeignValue.NULL;
        });
        assertThat(sampled.snapshot().getFirst().maxNanos()).isGreaterThanOrEqualTo(5_000_000L);
    }

    @Test
    void countsAreExactWhileTimeIsSampled() {
        MetricsObserver sampled = new MetricsObserver(16);
        FunctionId id = new FunctionId("b", "m", "f");
        for (int i = 0; i < 3200; i++) {
            Observed.run(sampled, id, () -> ForeignValue.NULL);
        }
        FunctionStats stats = sampled.snapshot().getFirst();
        assertThat(stats.calls()).isEqualTo(3200);
        assertThat(stats.totalNanos()).as("estimated from the timed calls").isPositive();
        assertThatThrownBy(() -> new MetricsObserver(0)).hasMessageContaining("sample.every");
    }

    @Test
    void countsAreExactWhenManyThreadsCallTheSameFunction() throws Exception {
        MetricsObserver sampled = new MetricsObserver(16);
        FunctionId id = new FunctionId("b", "m", "f");
        Observed.run(sampled, id, () -> ForeignValue.NULL);   // this thread called first: its calls are counted apart
        int threads = 4;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        Observed.run(sampled, id, () -> ForeignValue.NULL);
                    }
                    return null;
                });
            }
            start.countDown();
            for (int i = 0; i < each; i++) {
                Observed.run(sampled, id, () -> ForeignValue.NULL);
            }
        }
        assertThat(sampled.snapshot().getFirst().calls()).isEqualTo(1 + (threads + 1L) * each);
    }

    @Test
    void callsOfOtherThreadsAreTimedAtRandomAndCountsStartAgainAfterAReset() throws Exception {
        MetricsObserver sampled = new MetricsObserver(16);
        FunctionId id = new FunctionId("b", "m", "f");
        Observed.run(sampled, id, () -> ForeignValue.NULL);   // this thread owns the count-down
        int calls = 32_000;
        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            other.submit(() -> {
                for (int i = 0; i < calls; i++) {
                    Observed.run(sampled, id, () -> ForeignValue.NULL);
                }
            }).get();
        }
        long timed = sampled.latencies().getFirst().all().timedCalls();
        // the first 256 calls, then one in 16 on average: 2,240 expected; far from both 256 and every call
        assertThat(timed).isBetween(1_500L, 3_200L);
        assertThat(sampled.snapshot().getFirst().calls()).isEqualTo(1 + calls);

        sampled.reset();
        assertThat(sampled.snapshot()).isEmpty();
        for (int i = 0; i < 1000; i++) {
            Observed.run(sampled, id, () -> ForeignValue.NULL);
        }
        assertThat(sampled.snapshot().getFirst().calls()).isEqualTo(1000);
    }
}
