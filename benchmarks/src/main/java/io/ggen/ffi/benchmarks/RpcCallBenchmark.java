package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One worker process per SDK ({@code benchmarks/workers/}), {@code add(a, b)}: a call per message
 * against a batch of 100 calls in one {@code callBatch} message, both reported per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RpcCallBenchmark {

    static final int BATCH = 100;
    private static final Path WORKERS = Path.of(System.getProperty("ggen.bench.workers", "benchmarks/workers")).toAbsolutePath();

    @Param({"cpython", "node", "go"})
    String sdk;

    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private final List<ForeignValue> args = List.of(ForeignValue.of(17), ForeignValue.of(25));
    private final List<List<ForeignValue>> batch = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        ModuleSpec spec = switch (sdk) {
            case "cpython" -> ModuleSpec.named("cpython", "python3 " + WORKERS.resolve("bench_worker.py"));
            case "node" -> ModuleSpec.named("node", "node " + WORKERS.resolve("bench-worker.js"));
            case "go" -> ModuleSpec.named("go", goWorker().toString());
            default -> throw new IllegalArgumentException(sdk);
        };
        module = platform.runtime("rpc").load(spec.withOption("working-dir", WORKERS.toString()));
        add = module.function("add");
        for (int i = 0; i < BATCH; i++) {
            batch.add(List.of(ForeignValue.of(i), ForeignValue.of(1)));
        }
        if (!add.invoke(args, CallOptions.DEFAULT).equals(ForeignValue.of(42))) {
            throw new IllegalStateException(sdk + " worker: add(17, 25) is not 42");
        }
    }

    /** Builds the Go worker once (standard library and the repository's SDK only: no module proxy). */
    private static Path goWorker() throws Exception {
        Path binary = WORKERS.resolve("go/bench-go-worker");
        ProcessBuilder builder = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(WORKERS.resolve("go").toFile()).inheritIO();
        builder.environment().put("GOPROXY", "off");
        builder.environment().put("GOFLAGS", "-mod=mod");
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("go build of " + WORKERS.resolve("go") + " failed");
        }
        return binary;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        platform.close();
    }

    @Benchmark
    public ForeignValue unbatched() {
        return add.invoke(args, CallOptions.DEFAULT);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<BatchResult> batched() {
        return add.invokeBatch(batch, CallOptions.DEFAULT);
    }
}
