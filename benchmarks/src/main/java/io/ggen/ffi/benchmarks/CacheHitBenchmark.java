package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call to a pure JavaScript function that the cache answers (a hit: the whole platform path,
 * metrics included, but no foreign crossing) against the same call not declared pure (to the
 * bridge every time), in the same run. Workloads: {@code add(a, b)}, almost no work, and
 * {@code analyze(src)}, a small code-analysis function (see {@link JavaScriptCallBenchmark}).
 * The bar: a hit costs at most 200 ns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheHitBenchmark {

    static final CallOptions PURE = CallOptions.pure();

    final List<ForeignValue> addArgs = List.of(ForeignValue.of(17), ForeignValue.of(25));
    final List<ForeignValue> analyzeArgs = List.of(ForeignValue.of(
        "int main(int argc, char **argv) { int total = 0; for (int i = 0; i < argc; i++) { total += i; } return total; }"));

    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private ForeignFunction analyze;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        module = platform.runtime("javascript").load(ModuleSpec.code("javascript", JavaScriptCallBenchmark.CODE));
        add = module.function("add");
        analyze = module.function("analyze");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        platform.close();
    }

    @Benchmark
    public ForeignValue addCacheHit() {
        return add.invoke(addArgs, PURE);
    }

    @Benchmark
    public ForeignValue addUncached() {
        return add.invoke(addArgs, CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue analyzeCacheHit() {
        return analyze.invoke(analyzeArgs, PURE);
    }

    @Benchmark
    public ForeignValue analyzeUncached() {
        return analyze.invoke(analyzeArgs, CallOptions.DEFAULT);
    }
}
