package io.ggen.ffi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignValue;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method once: isolated calls answer what in-process calls answer; measures nothing. */
class IsolationBenchmarkTest {

    @Test
    void isolatedCallsAnswerWhatInProcessCallsAnswer() throws Exception {
        IsolationBenchmark benchmark = new IsolationBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.cAbsIsolated()).isEqualTo(benchmark.cAbsInProcess()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.jsAddIsolated()).isEqualTo(benchmark.jsAddInProcess()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.rpcWorkerUnbatched()).isEqualTo(ForeignValue.of(42));
            assertThat(benchmark.cAbsIsolatedBatched()).hasSize(IsolationBenchmark.BATCH)
                .extracting(BatchResult::get).element(7).isEqualTo(ForeignValue.of(7));
            assertThat(benchmark.jsAddIsolatedBatched()).hasSize(IsolationBenchmark.BATCH)
                .extracting(BatchResult::get).element(7).isEqualTo(ForeignValue.of(8));
        } finally {
            benchmark.tearDown();
        }
    }
}
