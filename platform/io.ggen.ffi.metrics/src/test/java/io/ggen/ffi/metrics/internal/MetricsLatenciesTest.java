package io.ggen.ffi.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ggen.ffi.api.CallMetrics.FunctionLatency;
import io.ggen.ffi.api.CallMetrics.Latency;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.FunctionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link MetricsObserver#latencies()}, on a clock the test moves: calls take exactly what they say. */
class MetricsLatenciesTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final Ticker ticker = new Ticker(now::get, now.get(), ORIGIN);
    private final MetricsObserver metrics = new MetricsObserver(1, ticker);
    private final FunctionId add = new FunctionId("js", "code:test", "add");

    @Test
    void percentilesSinceTheBeginning() {
        for (int micros = 1; micros <= 100; micros++) {
            call(add, micros * 1_000L);
        }
        call(new FunctionId("js", "code:test", "abs"), 7);
        now.addAndGet(SECOND);

        List<FunctionLatency> latencies = metrics.latencies();

        assertThat(latencies).extracting(FunctionLatency::function).containsExactly("abs", "add");
        Latency all = latencies.get(1).all();
        assertThat(all.timedCalls()).isEqualTo(100);
        assertThat(all.p50Nanos()).isCloseTo(50_000L, within(50_000L / 32));
        assertThat(all.p99Nanos()).isCloseTo(99_000L, within(99_000L / 32));
        assertThat(all.maxNanos()).isEqualTo(100_000L);
        assertThat(all.start()).isEqualTo(ORIGIN);
        assertThat(all.length()).isEqualTo(Duration.ofNanos(SECOND + 5_050_000L + 7));
        assertThat(latencies.get(0).all().p50Nanos()).isEqualTo(7);
    }

    @Test
    void windowsRollOverEveryTenSecondsAndSkipTimeWithoutCalls() {
        call(add, 1_000_000);
        call(add, 1_000_000);
        now.addAndGet(10 * SECOND);
        call(add, 2_000_000);
        now.addAndGet(30 * SECOND);
        call(add, 3_000_000);

        List<Latency> recent = metrics.latencies().getFirst().recent();

        assertThat(recent).extracting(Latency::start)
            .containsExactly(ORIGIN, ORIGIN.plusSeconds(10), ORIGIN.plusSeconds(40));
        assertThat(recent).extracting(Latency::timedCalls).containsExactly(2L, 1L, 1L);
        assertThat(recent).extracting(Latency::maxNanos).containsExactly(1_000_000L, 2_000_000L, 3_000_000L);
        assertThat(recent.get(0).p50Nanos()).isCloseTo(1_000_000L, within(1_000_000L / 32));
        assertThat(recent.get(1).p50Nanos()).isCloseTo(2_000_000L, within(2_000_000L / 32));
        assertThat(recent.get(2).p50Nanos()).isCloseTo(3_000_000L, within(3_000_000L / 32));
        assertThat(recent.get(0).length()).isEqualTo(Duration.ofSeconds(10));
        assertThat(recent.get(2).length()).as("the current window, until now: the calls took 7 ms")
            .isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void keepsTheLastSixtyWindowsWithCalls() {
        for (int window = 0; window < 70; window++) {
            call(add, 1_000 + window);
            now.addAndGet(10 * SECOND);
        }

        FunctionLatency latency = metrics.latencies().getFirst();

        assertThat(latency.recent()).hasSize(LatencyWindows.KEPT);
        assertThat(latency.recent().getFirst().start()).isEqualTo(ORIGIN.plusSeconds(100));
        assertThat(latency.recent().getLast().start()).isEqualTo(ORIGIN.plusSeconds(690));
        assertThat(latency.recent().getLast().maxNanos()).isEqualTo(1_069);
        assertThat(latency.all().timedCalls()).isEqualTo(70);
    }

    @Test
    void onlyTimedCallsAreRecorded() {
        MetricsObserver sampled = new MetricsObserver(1_000_000, ticker);
        for (int i = 0; i < 1_000; i++) {
            Observed.run(sampled, add, () -> ForeignValue.NULL);
        }
        FunctionLatency latency = sampled.latencies().getFirst();
        assertThat(latency.all().timedCalls()).as("the first calls, then one in a million")
            .isBetween((long) MetricsObserver.ALWAYS_TIMED, 2L * MetricsObserver.ALWAYS_TIMED);
        assertThat(sampled.snapshot().getFirst().calls()).isEqualTo(1_000);
    }

    @Test
    void resetForgetsTheLatencies() {
        call(add, 5_000);
        metrics.reset();
        assertThat(metrics.latencies()).isEmpty();

        now.addAndGet(SECOND);
        call(add, 9_000);
        Latency all = metrics.latencies().getFirst().all();
        assertThat(all.timedCalls()).isEqualTo(1);
        assertThat(all.maxNanos()).isEqualTo(9_000);
        assertThat(all.start()).as("the first call after the reset").isEqualTo(ORIGIN.plusSeconds(1).plusNanos(5_000));
    }

    /** A call that takes {@code nanos} on the test's clock. */
    private void call(FunctionId id, long nanos) {
        Observed.run(metrics, id, () -> {
            now.addAndGet(nanos);
            return ForeignValue.NULL;
        });
    }
}
