package io.ggen.ffi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method, so the benchmark cannot rot unnoticed; measures nothing. */
class CacheHitBenchmarkTest {

    @Test
    void aHitAnswersWhatTheUncachedCallAnswers() throws Exception {
        CacheHitBenchmark benchmark = new CacheHitBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.addUncached()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.addCacheHit()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.addCacheHit()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.analyzeCacheHit()).isEqualTo(benchmark.analyzeUncached());
        } finally {
            benchmark.tearDown();
        }
    }
}
