package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What isolation costs: the same module called in process and in an isolate (a pooled child JVM,
 * {@code isolation=process}), C {@code abs} and JavaScript {@code add}, one call per message and
 * 100 per batch (reported per item); and, as the yardstick the isolates must meet, the RPC
 * bridge's unbatched round trip to a CPython worker in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IsolationBenchmark {

    static final int BATCH = 100;
    private static final Path WORKERS = Path.of(System.getProperty("ggen.bench.workers", "benchmarks/workers")).toAbsolutePath();
    private static final String JS = "function add(a, b) { return a + b; }";

    private EmbeddedPlatform platform;
    private final List<ForeignModule> modules = new ArrayList<>();
    private ForeignFunction absInProcess;
    private ForeignFunction absIsolated;
    private ForeignFunction addInProcess;
    private ForeignFunction addIsolated;
    private ForeignFunction workerAdd;
    private final List<ForeignValue> absArgs = List.of(ForeignValue.of(-42));
    private final List<ForeignValue> addArgs = List.of(ForeignValue.of(17), ForeignValue.of(25));
    private final List<List<ForeignValue>> absBatch = new ArrayList<>();
    private final List<List<ForeignValue>> addBatch = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        ForeignRuntime runtime = platform.runtime("javascript");
        platform.runtime("c");
        platform.runtime("rpc");
        ModuleSpec libc = ModuleSpec.named("c", "libc.so.6").withOption("signature.abs", "int abs(int value)");
        absInProcess = load(runtime, libc).function("abs");
        absIsolated = load(runtime, libc.isolated()).function("abs");
        addInProcess = load(runtime, ModuleSpec.code("javascript", JS)).function("add");
        addIsolated = load(runtime, ModuleSpec.code("javascript", JS).isolated()).function("add");
        workerAdd = load(runtime, ModuleSpec.named("cpython", "python3 " + WORKERS.resolve("bench_worker.py"))
            .withOption("working-dir", WORKERS.toString())).function("add");
        for (int i = 0; i < BATCH; i++) {
            absBatch.add(List.of(ForeignValue.of(-i)));
            addBatch.add(List.of(ForeignValue.of(i), ForeignValue.of(1)));
        }
        for (ForeignFunction abs : List.of(absInProcess, absIsolated)) {
            check(abs.invoke(absArgs, CallOptions.DEFAULT), 42, abs);
        }
        for (ForeignFunction add : List.of(addInProcess, addIsolated, workerAdd)) {
            check(add.invoke(addArgs, CallOptions.DEFAULT), 42, add);
        }
    }

    private ForeignModule load(ForeignRuntime runtime, ModuleSpec spec) {
        ForeignModule module = runtime.load(spec);
        modules.add(module);
        return module;
    }

    private static void check(ForeignValue value, long expected, ForeignFunction function) {
        if (!value.equals(ForeignValue.of(expected))) {
            throw new IllegalStateException(function + " answered " + value + ", not " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        modules.forEach(ForeignModule::close);
        platform.close();
    }

    @Benchmark
    public ForeignValue cAbsInProcess() {
        return absInProcess.invoke(absArgs, CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue cAbsIsolated() {
        return absIsolated.invoke(absArgs, CallOptions.DEFAULT);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<BatchResult> cAbsIsolatedBatched() {
        return absIsolated.invokeBatch(absBatch, CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue jsAddInProcess() {
        return addInProcess.invoke(addArgs, CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue jsAddIsolated() {
        return addIsolated.invoke(addArgs, CallOptions.DEFAULT);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<BatchResult> jsAddIsolatedBatched() {
        return addIsolated.invokeBatch(addBatch, CallOptions.DEFAULT);
    }

    /** The yardstick: the RPC bridge's unbatched round trip to a CPython worker. */
    @Benchmark
    public ForeignValue rpcWorkerUnbatched() {
        return workerAdd.invoke(addArgs, CallOptions.DEFAULT);
    }
}
