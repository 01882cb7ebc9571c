package io.ggen.ffi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method once, so the benchmarks cannot rot unnoticed; measures nothing. */
class JavaScriptCallBenchmarkTest {

    @Test
    void everyBenchmarkComputesTheSameAnswerAsTheRawMechanism() throws Exception {
        JavaScriptCallBenchmark benchmark = new JavaScriptCallBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.rawAdd()).isEqualTo(42);
            assertThat(benchmark.platformAdd()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.platformAddJava()).isEqualTo(42L);
            assertThat(benchmark.platformAddTyped()).isEqualTo(42L);
            assertThat(benchmark.rawLength()).isEqualTo(benchmark.text.length());
            assertThat(benchmark.platformLength()).isEqualTo(ForeignValue.of(benchmark.text.length()));
            assertThat(benchmark.platformAnalyze()).isEqualTo(ForeignValue.of(benchmark.rawAnalyze()));
            assertThat(benchmark.rawTransform()).isEqualTo("ADA".length() + 6);
            assertThat(benchmark.platformTransform()).isEqualTo(ForeignValue.map(java.util.Map.of(
                ForeignValue.of("name"), ForeignValue.of("ADA"), ForeignValue.of("total"), ForeignValue.of(6))));
        } finally {
            benchmark.tearDown();
        }
    }
}
