package io.ggen.ffi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method, so the benchmark cannot rot unnoticed; measures nothing. */
class WasmCallBenchmarkTest {

    @Test
    void everyWayAddsAsChicoryDoes() throws Exception {
        WasmCallBenchmark benchmark = new WasmCallBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.addRawInterpreter()).isEqualTo(42L);
            assertThat(benchmark.addRawCompiler()).isEqualTo(42L);
            assertThat(benchmark.addPlatformInterpreter()).isEqualTo(ForeignValue.of(42L));
            assertThat(benchmark.addPlatformCompiler()).isEqualTo(ForeignValue.of(42L));
        } finally {
            benchmark.tearDown();
        }
    }
}
