package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.LanguageRun;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.Skipped;
import io.ggen.ffi.benchmark.internal.BenchmarkWorkloads.Guest;
import io.ggen.ffi.benchmark.internal.BenchmarkWorkloads.Workload;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ggen benchmark-ffi}: the same small workloads through every installed bridge and in Java,
 * in one run, with median and p99 ns per call, the FFI/native ratio, batched and cached calls.
 */
@Command(name = "benchmark-ffi", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Compares FFI calls with native Java. Three workloads (add two integers; length of a string;"
            + " {name, items:[numbers]} -> {name upper-cased, total}) run through each language's bridge and in Java,"
            + " in the same JVM, after warm-up. C runs add and length from lib/native/" + BenchmarkWorkloads.C_LIBRARY
            + " (C takes no maps); the RPC bridge runs the Go, CPython and Node workers of lib/workers (python3 and"
            + " node must be on the PATH; the Go one is built with the distribution when Go is installed).",
        "Prints median and p99 ns per call, the FFI/native ratio, batched calls (invokeBatch, ns per item) and"
            + " cached calls (cache.pure=true, when the caching bundle is installed), and the runtime mode of each"
            + " bridge.",
        "Measured with System.nanoTime() around each call: a command-line measurement, not JMH."
            + " Progress goes to stderr, results to stdout."},
    footer = {"", "Examples:",
        "  ggen benchmark-ffi --iterations 1000 --language python",
        "  ggen benchmark-ffi --language all --format json > bench.json",
        "  ggen benchmark-ffi --language javascript --chart bench.svg",
        "  ggen benchmark-ffi --language c,go,cpython,node",
        "  ggen benchmark-ffi --language c --bridge jna",
        "", "Exit codes:",
        "  0    every workload ran",
        "  1    a bridge failed a workload (shown with the results), or nothing could be measured (the reasons shown)",
        "  2    bad input: usage, unknown language (the installed ones are listed)"})
final class BenchmarkFfiCommand implements Callable<Integer> {

    /** The bundle whose presence means calls with {@code cache.pure=true} may be memoized. */
    static final String CACHE_BUNDLE = "io.ggen.ffi.cache";
    static final String ALL = "all";
    static final int MIN_WARMUP = 200;

    enum Format { table, json }

    private final ForeignRuntime runtime;
    private final BridgeWait bridgeWait;
    private final Function<String, String> bundleState;
    private final BooleanSupplier terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--language", paramLabel = "LANGUAGE", split = ",",
        description = "A language id or alias to measure (repeatable, or comma-separated): javascript, python, c,"
            + " go, cpython, node, rpc (all three workers); or 'all': every installed bridge's language (default).")
    List<String> languages = new ArrayList<>();

    @Option(names = "--bridge", paramLabel = "NAME", split = ",",
        description = "Use this bridge (see 'ggen bridges') for its language instead of the highest ranked one"
            + " (repeatable, or comma-separated), e.g. jna for C.")
    List<String> bridgeNames = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000",
        description = "Measured calls per workload and mode (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", paramLabel = "N",
        description = "Warm-up calls before measuring (default: as many as --iterations, at least " + MIN_WARMUP + ").")
    Integer warmup;

    @Option(names = "--warmup-time", paramLabel = "DURATION", defaultValue = "5s", converter = PositiveDurationConverter.class,
        description = "Warm up each workload and mode for at least this long too, e.g. 500ms, 10s: GraalJS,"
            + " GraalPy and the JIT compile hot code only after thousands of calls; with less, a map-passing"
            + " workload measures the compiler, not the call (default: ${DEFAULT-VALUE}).")
    Duration warmupTime;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
        description = "Calls per invokeBatch in the batched mode (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table (for people) or json (one document with every figure) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--chart", paramLabel = "FILE",
        description = "Also write a bar chart of FFI vs native ns per call to FILE: PNG or SVG, by its extension.")
    Path chart;

    BenchmarkFfiCommand(ForeignRuntime runtime, BridgeWait bridgeWait, Function<String, String> bundleState,
                        BooleanSupplier terminal) {
        this.runtime = runtime;
        this.bridgeWait = bridgeWait;
        this.bundleState = bundleState;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> requested = languages.stream().map(l -> l.strip().toLowerCase(Locale.ROOT))
            .filter(l -> !l.isEmpty()).distinct().toList();
        boolean all = requested.isEmpty() || requested.contains(ALL);
        if (all) {
            bridgeWait.awaitSettled();
        } else {
            for (String language : requested) {
                bridgeWait.awaitLanguage(language);
            }
        }
        List<BridgeInfo> bridges = runtime.bridges();
        Map<String, BridgeInfo> installed = installed(bridges);
        for (String name : bridgeNames.stream().map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            BridgeInfo chosen = bridges.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
            if (chosen == null) {
                err.println("error: no bridge named '" + name + "'; installed: " + bridges.stream()
                    .map(b -> b.name() + " (" + b.language() + ")").collect(Collectors.joining(", ")));
                err.flush();
                return ExitCodes.USAGE;
            }
            installed.put(chosen.language(), chosen);
        }
        Selection selection = all ? selectAll(installed, bridges) : select(requested, installed, bridges);
        if (!selection.unknown().isEmpty()) {
            err.println("error: no bridge is installed for " + selection.unknown().stream().map(l -> "'" + l + "'")
                .collect(Collectors.joining(", ")) + "; installed: " + describe(installed)
                + (selection.unknown().stream().anyMatch(l -> BenchmarkWorkloads.guest(l).isPresent())
                    ? " (the workloads for it are ready: install its bridge in deploy/)" : ""));
            err.flush();
            return ExitCodes.USAGE;
        }
        Map<String, BridgeInfo> toRun = selection.toRun();
        List<Skipped> skipped = new ArrayList<>(selection.skipped());

        BenchmarkRunner.Settings settings = new BenchmarkRunner.Settings(iterations,
            warmup != null ? warmup : Math.max(iterations, MIN_WARMUP), warmupTime.toNanos(), batchSize,
            cacheInstalled());
        List<Workload> workloads = BenchmarkWorkloads.all();
        Map<String, Guest> guests = new LinkedHashMap<>();
        toRun.keySet().forEach(language -> guests.put(language, BenchmarkWorkloads.guest(language).orElseThrow()));
        guests.forEach((language, guest) -> guest.lacks().forEach((workload, why) ->
            skipped.add(new Skipped(language, workload, why))));
        BenchmarkProgress progress = new BenchmarkProgress(err, terminal.getAsBoolean(), settings.callsPerWorkload()
            * guests.values().stream().mapToInt(guest -> guest.runs(workloads).size()).sum());
        BenchmarkRunner runner = new BenchmarkRunner(runtime, settings, progress);
        double timer = BenchmarkRunner.timerOverheadNanos();
        List<LanguageRun> runs = new ArrayList<>();
        try {
            toRun.forEach((label, bridge) -> runs.add(runner.run(bridge, label, guests.get(label), workloads)));
        } finally {
            progress.end();
        }
        BenchmarkReport report = new BenchmarkReport(settings, jvm(), timer, settings.cache()
            ? "call option cache.pure=true through the " + CACHE_BUNDLE + " bundle, the same "
                + workloads.getFirst().inputs().size() + " argument lists over and over"
            : "cache bundle not installed", runs, skipped);

        if (format == Format.json) {
            out.println(report.toJson());
        } else {
            report.printTable(out);
        }
        out.flush();
        if (chart != null) {
            try {
                BenchmarkChart.write(report, chart);
                if (format == Format.table) {
                    out.println("chart: " + chart);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot write the chart to " + chart + ": " + BenchmarkRunner.message(e));
                err.flush();
                return ExitCodes.FOREIGN_ERROR;
            }
        }
        boolean failed = runs.stream().flatMap(r -> r.workloads().stream()).anyMatch(w -> w.error() != null);
        // nothing measured (every language asked for was skipped) is no success either
        return failed || runs.isEmpty() ? ExitCodes.FOREIGN_ERROR : ExitCodes.OK;
    }

    private void validate() {
        if (iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, not " + iterations);
        }
        if (warmup != null && warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, not " + warmup);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, not " + batchSize);
        }
        if (chart != null && !BenchmarkChart.supports(chart)) {
            throw new ParameterException(spec.commandLine(), "--chart " + chart + ": name a .png or .svg file");
        }
    }

    /**
     * What a run measures.
     *
     * @param toRun the bridge for each language label, in the order asked for
     * @param skipped what is not measured, and why
     * @param unknown the languages asked for that no bridge serves (an error)
     */
    record Selection(Map<String, BridgeInfo> toRun, List<Skipped> skipped, List<String> unknown) {
    }

    /** Every installed language, and the languages with workload functions but no bridge as skipped. */
    static Selection selectAll(Map<String, BridgeInfo> installed, List<BridgeInfo> bridges) {
        Map<String, BridgeInfo> toRun = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        installed.values().forEach(bridge -> select(bridge, bridge.language(), toRun, skipped));
        for (String language : new TreeSet<>(BenchmarkWorkloads.GUESTS.keySet())) {
            if (find(installed, bridges, language) == null) {
                skipped.add(Skipped.language(language, "no bridge installed (put its bridge bundle in deploy/)"));
            }
        }
        return new Selection(toRun, skipped, List.of());
    }

    /** The requested languages (ids or aliases), and those no bridge serves. */
    static Selection select(List<String> requested, Map<String, BridgeInfo> installed, List<BridgeInfo> bridges) {
        Map<String, BridgeInfo> toRun = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String language : requested) {
            BridgeInfo bridge = find(installed, bridges, language);
            if (bridge == null) {
                unknown.add(language);
            } else {
                select(bridge, language, toRun, skipped);
            }
        }
        return new Selection(toRun, skipped, unknown);
    }

    /**
     * Runs what was asked of a bridge if there are workload functions for it, else says why not:
     * the language or alias asked for; the bridge's language for an alias ({@code js}); all its aliases
     * that have them for its own language ({@code rpc}: {@code cpython}, {@code node}).
     */
    private static void select(BridgeInfo bridge, String asked, Map<String, BridgeInfo> toRun, List<Skipped> skipped) {
        List<String> labels;
        if (BenchmarkWorkloads.guest(asked).isPresent()) {
            labels = List.of(asked);
        } else if (BenchmarkWorkloads.guest(bridge.language()).isPresent()) {
            labels = List.of(bridge.language());
        } else if (asked.equals(bridge.language())) {
            labels = bridge.aliases().stream().filter(alias -> BenchmarkWorkloads.guest(alias).isPresent()).toList();
        } else {
            labels = List.of();
        }
        if (labels.isEmpty() && skipped.stream().noneMatch(s -> s.language().equals(asked))) {
            skipped.add(Skipped.language(asked, "bridge " + bridge.name() + " is installed, but the command has"
                + " no workload functions for " + asked + " (it has them for: "
                + String.join(", ", new TreeSet<>(BenchmarkWorkloads.GUESTS.keySet())) + ")"));
        }
        for (String label : labels) {
            Optional<String> missing = BenchmarkWorkloads.guest(label).orElseThrow().missing();
            if (missing.isPresent()) {
                if (skipped.stream().noneMatch(s -> s.language().equals(label))) {
                    skipped.add(Skipped.language(label, missing.get()));
                }
            } else {
                toRun.putIfAbsent(label, bridge);
            }
        }
    }

    /** The highest ranked bridge of each language, in the runtime's order. */
    static Map<String, BridgeInfo> installed(List<BridgeInfo> bridges) {
        Map<String, BridgeInfo> byLanguage = new LinkedHashMap<>();
        for (BridgeInfo bridge : bridges) {
            byLanguage.putIfAbsent(bridge.language(), bridge);
        }
        return byLanguage;
    }

    /** The bridge chosen for a language id or alias (any bridge's alias: {@code --bridge} may choose another one). */
    private static BridgeInfo find(Map<String, BridgeInfo> installed, List<BridgeInfo> bridges, String language) {
        return bridges.stream().filter(b -> b.serves(language))
            .findFirst().map(b -> installed.get(b.language())).orElse(null);
    }

    private static String describe(Map<String, BridgeInfo> installed) {
        if (installed.isEmpty()) {
            return "none (put bridge bundles in deploy/)";
        }
        return installed.values().stream()
            .map(b -> b.aliases().isEmpty() ? b.language() : b.language() + " (" + String.join(", ", b.aliases()) + ")")
            .collect(Collectors.joining(", "));
    }

    private boolean cacheInstalled() {
        return "ACTIVE".equals(bundleState.apply(CACHE_BUNDLE));
    }

    /** The JVM, one line: version, VM, vendor, processors. */
    static String jvm() {
        return "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + " ("
            + System.getProperty("java.vm.vendor") + "), " + Runtime.getRuntime().availableProcessors() + " processors";
    }
}
