package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.CallMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Figures of three functions: {@code test} (3 calls, 1 error, 1 stuck, timed in two windows),
 * {@code untimed} (never timed) and {@code add} (many calls, one window).
 */
class FakeMetrics implements CallMetrics {

    static final String MODULE = "<code: function test() { return 'JS works'; }>";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public List<FunctionStats> snapshot() {
        return List.of(new FunctionStats("graaljs", MODULE, "test", 3, 1, 4_500, 2_000, 1),
            new FunctionStats("graaljs", "m", "untimed", 2, 0, 0, 0),
            new FunctionStats("graaljs", "m", "add", 200, 0, 400_000, 9_000));
    }

    @Override
    public List<FunctionLatency> latencies() {
        return List.of(new FunctionLatency("graaljs", MODULE, "test", new Latency(T0, Duration.ofMinutes(2), 3, 1_200, 1_900, 2_000),
                List.of(new Latency(T0, Duration.ofSeconds(10), 2, 1_000, 1_500, 1_500),
                    new Latency(T0.plusSeconds(50), Duration.ofSeconds(10), 1, 1_900, 1_900, 1_900))),
            new FunctionLatency("graaljs", "m", "add", new Latency(T0, Duration.ofMinutes(2), 200, 1_500, 8_000, 9_000),
                List.of(new Latency(T0, Duration.ofSeconds(10), 200, 1_500, 8_000, 9_000))));
    }

    @Override
    public void reset() {
    }
}
