package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.convert.json.ForeignJson;
import io.ggen.ffi.convert.text.Durations;
import io.ggen.ffi.shell.command.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one {@code ggen benchmark-ffi} run, and their two printed forms: a table for
 * people and one JSON document for machines.
 *
 * @param settings what was run
 * @param jvm the JVM that ran it, one line
 * @param timerOverheadNanos what {@code System.nanoTime()} adds to every sample
 * @param cache whether the cached mode ran, or why not
 * @param runs one per language measured
 * @param skipped languages and workloads not measured, and why
 */
record BenchmarkReport(BenchmarkRunner.Settings settings, String jvm, double timerOverheadNanos, String cache,
                       List<LanguageRun> runs, List<Skipped> skipped) {

    static final String METHOD = "System.nanoTime() around each call, after warm-up, in one JVM: a command-line"
        + " measurement, not JMH; figures include the timer and are noisy, ratios matter more";

    /** How a workload was called. */
    enum Mode {
        /** Through the bridge, one {@code ForeignFunction.invoke} per call (unbatched). */
        FFI("ffi"),
        /** The same work written in Java. */
        NATIVE("native"),
        /** Through the bridge, {@code invokeBatch}; figures per item. */
        BATCHED("batched"),
        /** Through the bridge with {@code cache.pure=true}, the same few arguments over and over. */
        CACHED("cached");

        final String key;

        Mode(String key) {
            this.key = key;
        }
    }

    /** The results of one language. */
    record LanguageRun(String language, String bridge, String runtime, List<WorkloadResult> workloads) {
    }

    /**
     * One workload of one language: the statistics per mode that ran, and the first failure, if any.
     */
    record WorkloadResult(String workload, String description, Map<Mode, BenchmarkStats> modes, String error) {

        WorkloadResult {
            modes = Map.copyOf(modes);
        }

        /** FFI median over native median, or NaN when one of them is missing. */
        double ratio() {
            BenchmarkStats ffi = modes.get(Mode.FFI);
            BenchmarkStats java = modes.get(Mode.NATIVE);
            return ffi == null || java == null || java.median() == 0 ? Double.NaN : ffi.median() / java.median();
        }
    }

    /**
     * A language, or one workload of a language, that was not measured.
     *
     * @param workload the workload, or {@code null} for the whole language
     */
    record Skipped(String language, String workload, String reason) {

        static Skipped language(String language, String reason) {
            return new Skipped(language, null, reason);
        }

        String what() {
            return workload == null ? language : language + " " + workload;
        }
    }

    static final List<String> HEADER = List.of("LANGUAGE", "WORKLOAD", "FFI MEDIAN", "FFI P99", "NATIVE MEDIAN",
        "NATIVE P99", "FFI/NATIVE", "BATCHED/ITEM", "BATCHED P99", "CACHED MEDIAN", "CACHED P99");

    /** The table, with a header that says what was measured and how. Figures in ns per call. */
    void printTable(PrintWriter out) {
        out.println("ggen benchmark-ffi: " + settings.iterations() + " measured calls per workload and mode after "
            + settings.warmup() + " warm-up calls and at least "
            + Durations.format(Duration.ofMillis(settings.warmupNanos() / 1_000_000)) + "; batched: " + settings.batches() + " batches of " + settings.batchSize() + " calls, per item");
        out.println("method: " + METHOD);
        out.println("JVM: " + jvm);
        out.println("timer: System.nanoTime() adds about " + format(timerOverheadNanos) + " ns to each figure");
        out.println("cached: " + cache);
        for (LanguageRun run : runs) {
            out.println(run.language() + ": bridge " + run.bridge() + ", " + run.runtime());
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (LanguageRun run : runs) {
            for (WorkloadResult w : run.workloads()) {
                List<String> row = new ArrayList<>(List.of(run.language(), w.workload()));
                for (Mode mode : List.of(Mode.FFI, Mode.NATIVE)) {
                    addFigures(row, w, mode);
                }
                row.add(Double.isNaN(w.ratio()) ? "-" : String.format(Locale.ROOT, "%.1fx", w.ratio()));
                addFigures(row, w, Mode.BATCHED);
                addFigures(row, w, Mode.CACHED);
                rows.add(row);
                if (w.error() != null) {
                    errors.add(run.language() + " " + w.workload() + ": error: " + w.error());
                }
            }
        }
        if (rows.isEmpty()) {
            out.println("nothing was measured");
        } else {
            TextTable.print(out, HEADER, rows);
            out.println("(ns per call; FFI/NATIVE = FFI median / native median; batched = ForeignFunction.invokeBatch)");
        }
        for (String error : errors) {
            out.println(error);
        }
        for (Skipped s : skipped) {
            out.println("skipped " + s.what() + ": " + s.reason());
        }
        out.flush();
    }

    private static void addFigures(List<String> row, WorkloadResult w, Mode mode) {
        BenchmarkStats stats = w.modes().get(mode);
        String missing = w.error() != null && mode != Mode.NATIVE ? "error" : "-";
        row.add(stats == null ? missing : format(stats.median()));
        row.add(stats == null ? missing : format(stats.p99()));
    }

    /** Whole nanoseconds, or one decimal below 10 ns (per-item figures of batches can be that small). */
    static String format(double nanos) {
        return nanos < 10 ? String.format(Locale.ROOT, "%.1f", nanos) : Long.toString(Math.round(nanos));
    }

    /** One JSON document with every language, workload, mode and figure. */
    String toJson() {
        Map<ForeignValue, ForeignValue> doc = new LinkedHashMap<>();
        put(doc, "command", ForeignValue.of("ggen benchmark-ffi"));
        put(doc, "method", ForeignValue.of(METHOD));
        put(doc, "jvm", ForeignValue.of(jvm));
        put(doc, "iterations", ForeignValue.of(settings.iterations()));
        put(doc, "warmup", ForeignValue.of(settings.warmup()));
        put(doc, "warmup_ms", ForeignValue.of(settings.warmupNanos() / 1_000_000));
        put(doc, "batch_size", ForeignValue.of(settings.batchSize()));
        put(doc, "batches", ForeignValue.of(settings.batches()));
        put(doc, "timer_overhead_ns", ForeignValue.of(timerOverheadNanos));
        put(doc, "cache", ForeignValue.of(cache));
        List<ForeignValue> languages = new ArrayList<>();
        for (LanguageRun run : runs) {
            Map<ForeignValue, ForeignValue> language = new LinkedHashMap<>();
            put(language, "language", ForeignValue.of(run.language()));
            put(language, "bridge", ForeignValue.of(run.bridge()));
            put(language, "runtime", ForeignValue.of(run.runtime()));
            List<ForeignValue> workloads = new ArrayList<>();
            for (WorkloadResult w : run.workloads()) {
                Map<ForeignValue, ForeignValue> workload = new LinkedHashMap<>();
                put(workload, "workload", ForeignValue.of(w.workload()));
                put(workload, "description", ForeignValue.of(w.description()));
                Map<ForeignValue, ForeignValue> modes = new LinkedHashMap<>();
                for (Mode mode : Mode.values()) {
                    BenchmarkStats stats = w.modes().get(mode);
                    if (stats != null) {
                        Map<ForeignValue, ForeignValue> figures = new LinkedHashMap<>();
                        put(figures, "median_ns", ForeignValue.of(stats.median()));
                        put(figures, "p99_ns", ForeignValue.of(stats.p99()));
                        put(figures, "samples", ForeignValue.of(stats.count()));
                        put(modes, mode.key, ForeignValue.map(figures));
                    }
                }
                put(workload, "modes", ForeignValue.map(modes));
                put(workload, "ffi_native_ratio", Double.isNaN(w.ratio()) ? ForeignValue.NULL : ForeignValue.of(w.ratio()));
                put(workload, "error", w.error() == null ? ForeignValue.NULL : ForeignValue.of(w.error()));
                workloads.add(ForeignValue.map(workload));
            }
            put(language, "workloads", ForeignValue.list(workloads));
            languages.add(ForeignValue.map(language));
        }
        put(doc, "languages", ForeignValue.list(languages));
        List<ForeignValue> skips = new ArrayList<>();
        for (Skipped s : skipped) {
            Map<ForeignValue, ForeignValue> skip = new LinkedHashMap<>();
            put(skip, "language", ForeignValue.of(s.language()));
            put(skip, "workload", s.workload() == null ? ForeignValue.NULL : ForeignValue.of(s.workload()));
            put(skip, "reason", ForeignValue.of(s.reason()));
            skips.add(ForeignValue.map(skip));
        }
        put(doc, "skipped", ForeignValue.list(skips));
        return ForeignJson.toPrettyJson(ForeignValue.map(doc));
    }

    private static void put(Map<ForeignValue, ForeignValue> map, String key, ForeignValue value) {
        map.put(ForeignValue.of(key), value);
    }
}
