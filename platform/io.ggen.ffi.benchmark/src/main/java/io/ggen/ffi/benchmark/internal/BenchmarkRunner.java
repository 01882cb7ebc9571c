package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.LanguageRun;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.Mode;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.WorkloadResult;
import io.ggen.ffi.benchmark.internal.BenchmarkWorkloads.Guest;
import io.ggen.ffi.benchmark.internal.BenchmarkWorkloads.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the workloads of one language through its bridge and in Java, in the same JVM, one after
 * the other: warm-up calls, then measured calls with {@link System#nanoTime()} around each one.
 * A command-line measurement (not JMH): no forks, no dead-code guard beyond keeping the results.
 */
final class BenchmarkRunner {

    /** How long loading the workload module, and each checked first call, may take. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What to run.
     *
     * @param iterations measured calls per workload and mode
     * @param warmup warm-up calls before them, at least
     * @param warmupNanos how long the warm-up of each workload and mode lasts, at least: optimizing
     *     runtimes (GraalJS, GraalPy, the JVM's own JIT) compile hot code only after thousands of calls
     * @param batchSize calls per {@code invokeBatch}
     * @param cache whether a caching bundle is installed (else the cached mode is not run)
     */
    record Settings(int iterations, int warmup, long warmupNanos, int batchSize, boolean cache) {

        /** Measured batches: a tenth of the iterations, at least 10 (so {@code 10 x iterations} items). */
        int batches() {
            return Math.max(10, iterations / 10);
        }

        int warmupBatches() {
            return Math.max(2, warmup / 10);
        }

        /** The calls one workload makes in all modes, for the progress bar. */
        long callsPerWorkload() {
            long calls = 2L * (warmup + iterations) + (long) (batches() + warmupBatches()) * batchSize;
            return cache ? calls + warmup + iterations : calls;
        }
    }

    /** Told what is going on, for the progress display. */
    interface Progress {
        /** {@code calls} more calls of {@code language}/{@code workload} in {@code mode} are done. */
        void advance(String language, String workload, Mode mode, long calls);

        /** A workload is finished, in every mode. */
        void finished(String language, WorkloadResult result);
    }

    private final ForeignRuntime runtime;
    private final Settings settings;
    private final Progress progress;
    /** Results land here so that no call's work can be thrown away. */
    private volatile Object sink;

    BenchmarkRunner(ForeignRuntime runtime, Settings settings, Progress progress) {
        this.runtime = runtime;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * The workloads one language takes, through {@code bridge}. Failures are kept in the results,
     * never thrown.
     *
     * @param language what the results are shown as: the bridge's language, or the alias it runs as ({@code cpython})
     */
    LanguageRun run(BridgeInfo bridge, String language, Guest guest, List<Workload> all) {
        List<Workload> workloads = guest.runs(all);
        ModuleSpec spec = guest.module().withBridge(bridge.name());
        ForeignModule module;
        try {
            module = runtime.load(spec, CallOptions.timeout(SETUP_TIMEOUT));
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a bridge bundle built against other versions of the bundles it uses.
            String error = "the workload functions do not load: " + message(e);
            List<WorkloadResult> failed = new ArrayList<>();
            for (Workload w : workloads) {
                WorkloadResult result = new WorkloadResult(w.id(), w.description(), Map.of(), error);
                failed.add(result);
                progress.advance(language, w.id(), Mode.FFI, settings.callsPerWorkload());
                progress.finished(language, result);
            }
            return new LanguageRun(language, bridge.name(), bridge.description(), failed);
        }
        try (module) {
            List<WorkloadResult> results = new ArrayList<>();
            for (Workload w : workloads) {
                WorkloadResult result = run(language, module, w);
                results.add(result);
                progress.finished(language, result);
            }
            return new LanguageRun(language, bridge.name(), bridge.description(), results);
        }
    }

    private WorkloadResult run(String language, ForeignModule module, Workload w) {
        Map<Mode, BenchmarkStats> stats = new EnumMap<>(Mode.class);
        String error = null;
        long skipped = settings.callsPerWorkload();
        try {
            ForeignFunction fn = module.function(w.id());
            check(fn, w, CallOptions.timeout(SETUP_TIMEOUT));
            stats.put(Mode.FFI, ffi(language, fn, w, CallOptions.DEFAULT));
            skipped -= settings.warmup() + settings.iterations();
            stats.put(Mode.NATIVE, java(language, w));
            skipped -= settings.warmup() + settings.iterations();
            stats.put(Mode.BATCHED, batched(language, fn, w));
            skipped -= (long) (settings.batches() + settings.warmupBatches()) * settings.batchSize();
            if (settings.cache()) {
                CallOptions pure = CallOptions.pure();
                check(fn, w, pure.withTimeout(SETUP_TIMEOUT));
                stats.put(Mode.CACHED, ffi(language, fn, w, pure));
                skipped -= settings.warmup() + settings.iterations();
            }
        } catch (RuntimeException | LinkageError e) {
            // A bridge failing a workload is a result, shown in the table; the other workloads go on.
            // LinkageError: a bridge bundle built against other versions of the bundles it uses.
            error = message(e);
            if (!stats.containsKey(Mode.NATIVE)) {
                stats.put(Mode.NATIVE, java(language, w));
                skipped -= settings.warmup() + settings.iterations();
            }
        }
        progress.advance(language, w.id(), Mode.FFI, Math.max(0, skipped));
        return new WorkloadResult(w.id(), w.description(), stats, error);
    }

    /** Calls the function once per input and compares with the Java result: a wrong answer is an error too. */
    private static void check(ForeignFunction fn, Workload w, CallOptions options) {
        for (int i = 0; i < w.inputs().size(); i++) {
            ForeignValue actual = fn.invoke(w.inputs().get(i), options);
            ForeignValue expected = w.expected(i);
            if (!BenchmarkWorkloads.same(actual, expected)) {
                throw new IllegalStateException(w.id() + " returned " + actual + ", expected " + expected);
            }
        }
    }

    private BenchmarkStats ffi(String language, ForeignFunction fn, Workload w, CallOptions options) {
        Mode mode = options.attributes().isEmpty() ? Mode.FFI : Mode.CACHED;
        List<List<ForeignValue>> inputs = w.inputs();
        int n = inputs.size();
        long deadline = System.nanoTime() + settings.warmupNanos();
        for (int i = 0; i < settings.warmup() || System.nanoTime() < deadline; i++) {
            sink = fn.invoke(inputs.get(i % n), options);
        }
        progress.advance(language, w.id(), mode, settings.warmup());
        long[] samples = new long[settings.iterations()];
        for (int i = 0; i < samples.length; i++) {
            List<ForeignValue> args = inputs.get(i % n);
            long start = System.nanoTime();
            ForeignValue result = fn.invoke(args, options);
            samples[i] = System.nanoTime() - start;
            sink = result;
            if ((i & 1023) == 1023) {
                progress.advance(language, w.id(), mode, 1024);
            }
        }
        progress.advance(language, w.id(), mode, samples.length % 1024);
        return BenchmarkStats.of(samples);
    }

    private BenchmarkStats java(String language, Workload w) {
        List<Object[]> inputs = w.javaInputs();
        int n = inputs.size();
        long deadline = System.nanoTime() + settings.warmupNanos();
        for (int i = 0; i < settings.warmup() || System.nanoTime() < deadline; i++) {
            sink = w.java().apply(inputs.get(i % n));
        }
        long[] samples = new long[settings.iterations()];
        for (int i = 0; i < samples.length; i++) {
            Object[] args = inputs.get(i % n);
            long start = System.nanoTime();
            Object result = w.java().apply(args);
            samples[i] = System.nanoTime() - start;
            sink = result;
        }
        progress.advance(language, w.id(), Mode.NATIVE, settings.warmup() + settings.iterations());
        return BenchmarkStats.of(samples);
    }

    private BenchmarkStats batched(String language, ForeignFunction fn, Workload w) {
        List<List<ForeignValue>> batch = new ArrayList<>(settings.batchSize());
        for (int i = 0; i < settings.batchSize(); i++) {
            batch.add(w.inputs().get(i % w.inputs().size()));
        }
        List<BatchResult> first = fn.invokeBatch(batch, CallOptions.timeout(SETUP_TIMEOUT));
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).isError()) {
                throw new IllegalStateException("batch item " + i + ": " + message(first.get(i).error()));
            }
        }
        if (first.size() != batch.size()) {
            throw new IllegalStateException("a batch of " + batch.size() + " calls returned " + first.size() + " results");
        }
        long deadline = System.nanoTime() + settings.warmupNanos();
        for (int i = 0; i < settings.warmupBatches() || System.nanoTime() < deadline; i++) {
            sink = fn.invokeBatch(batch, CallOptions.DEFAULT);
            if (i < settings.warmupBatches()) {
                progress.advance(language, w.id(), Mode.BATCHED, settings.batchSize());
            }
        }
        long[] samples = new long[settings.batches()];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            List<BatchResult> results = fn.invokeBatch(batch, CallOptions.DEFAULT);
            samples[i] = System.nanoTime() - start;
            sink = results;
            progress.advance(language, w.id(), Mode.BATCHED, settings.batchSize());
        }
        return BenchmarkStats.of(samples, settings.batchSize());
    }

    /** The time {@code System.nanoTime()} itself adds to each sample (median of back-to-back pairs). */
    static double timerOverheadNanos() {
        long[] samples = new long[10_000];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            samples[i] = System.nanoTime() - start;
        }
        return BenchmarkStats.of(samples).median();
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof Error ? e.getClass().getSimpleName() + ": " + message : message;
    }
}
