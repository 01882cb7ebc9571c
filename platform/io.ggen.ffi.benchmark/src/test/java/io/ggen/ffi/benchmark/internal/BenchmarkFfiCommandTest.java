package io.ggen.ffi.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ForeignValue.ListValue;
import io.ggen.ffi.api.ForeignValue.MapValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.convert.json.ForeignJson;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ggen benchmark-ffi} against a fake runtime whose "javascript" functions are Java code: the
 * options, the table, the JSON document, skipped and unknown languages, failures, the cached mode.
 */
class BenchmarkFfiCommandTest {

    private static final String[] QUICK = {"--iterations", "50", "--warmup", "0", "--warmup-time", "1ms"};

    /** Functions whose name is here throw a TypeError. */
    private final Set<String> failing = new java.util.HashSet<>();
    /** Functions whose name is here return a wrong result. */
    private final Set<String> wrong = new java.util.HashSet<>();
    private final List<CallOptions> seenOptions = new CopyOnWriteArrayList<>();
    private final List<ModuleSpec> loaded = new CopyOnWriteArrayList<>();
    private String cacheState = "?";

    private final List<BridgeInfo> bridges = new ArrayList<>(List.of(
        new BridgeInfo("javascript", List.of("js"), "graaljs", 100, "io.ggen.ffi.bridge.js", "1.0.0",
            BridgeCapabilities.NONE, "FakeJS 1.0, interpreter")));

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.copyOf(bridges);
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded.add(spec);
            return new FakeModule(spec);
        }
    };

    private final class FakeModule implements ForeignModule {
        private final ModuleSpec spec;

        FakeModule(ModuleSpec spec) {
            this.spec = spec;
        }

        @Override public String language() { return spec.language(); }
        @Override public String bridgeName() { return "graaljs"; }
        @Override public ModuleSpec spec() { return spec; }
        @Override public Set<String> functions() { return Set.of("add", "length", "transform"); }
        @Override public void close() { }
        @Override public <T> T bind(java.lang.invoke.MethodHandles.Lookup lookup, Class<T> api) { throw new UnsupportedOperationException(); }

        @Override
        public ForeignFunction function(String name) {
            if (!functions().contains(name)) {
                throw new NoSuchFunctionException(spec.language(), "no function " + name);
            }
            return new ForeignFunction() {
                @Override public String name() { return name; }
                @Override public ForeignModule module() { return FakeModule.this; }
                @Override public CompletableFuture<ForeignValue> invokeAsync(List<ForeignValue> a, CallOptions o) { throw new AssertionError(); }
                @Override public Object call(Object... a) { throw new AssertionError(); }

                @Override
                public ForeignValue invoke(List<ForeignValue> args, CallOptions options) {
                    if (!options.attributes().isEmpty()) {
                        seenOptions.add(options);
                    }
                    if (failing.contains(name)) {
                        throw new ForeignException("javascript", "TypeError", name + " is broken", List.of(), null);
                    }
                    return wrong.contains(name) ? ForeignValue.of("wrong") : fakeJs(name, args);
                }

                @Override
                public List<BatchResult> invokeBatch(List<List<ForeignValue>> argsList, CallOptions options) {
                    List<BatchResult> results = new ArrayList<>();
                    for (List<ForeignValue> args : argsList) {
                        results.add(BatchResult.success(invoke(args, options)));
                    }
                    return results;
                }
            };
        }
    }

    /** What the JavaScript workload code does; numbers come back as floats where JavaScript might. */
    private static ForeignValue fakeJs(String name, List<ForeignValue> args) {
        return switch (name) {
            case "add" -> ForeignValue.of(((ForeignValue.IntValue) args.get(0)).value()
                + ((ForeignValue.IntValue) args.get(1)).value());
            case "length" -> ForeignValue.of(((ForeignValue.StringValue) args.get(0)).value().length());
            default -> {
                MapValue in = (MapValue) args.get(0);
                double total = 0;
                for (ForeignValue n : ((ListValue) in.get("items")).values()) {
                    total += ((ForeignValue.IntValue) n).value();
                }
                Map<ForeignValue, ForeignValue> out = new LinkedHashMap<>();
                out.put(ForeignValue.of("name"), ForeignValue.of(in.get("name").toString().toUpperCase(Locale.ROOT)));
                out.put(ForeignValue.of("total"), ForeignValue.of(total));
                yield ForeignValue.map(out);
            }
        };
    }

    private record Run(int exit, String out, String err) {
    }

    /** The command the service contributes, run as the shell runs it (its errors and exit codes). */
    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = ExitCodes.reportErrors(new CommandLine(new BenchmarkCommandService(runtime,
            bundle -> bundle.equals(BenchmarkFfiCommand.CACHE_BUNDLE) ? cacheState : "ACTIVE").newCommand()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] quick(String... more) {
        List<String> args = new ArrayList<>(List.of(QUICK));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theTableShowsEveryWorkloadWithWhatWasMeasuredAndHow() {
        Run r = run(quick("--language", "js"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("not JMH").contains("JVM: Java " + Runtime.version())
            .contains("javascript: bridge graaljs, FakeJS 1.0, interpreter")
            .contains("cached: cache bundle not installed")
            .contains("FFI MEDIAN", "FFI P99", "NATIVE MEDIAN", "FFI/NATIVE", "BATCHED/ITEM");
        List<String> rows = r.out().lines().filter(l -> l.startsWith("javascript ")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("javascript  add").matches(".*\\d+\\.\\dx.*");
        assertThat(rows.get(1)).startsWith("javascript  length");
        assertThat(rows.get(2)).startsWith("javascript  transform");
        assertThat(loaded).singleElement().satisfies(spec -> {
            assertThat(spec.language()).isEqualTo("javascript");
            assertThat(spec.bridgeName()).contains("graaljs");
            assertThat(spec.source()).contains("function transform(o)");
        });
        assertThat(r.err().lines().toList()).as("not a terminal: one line per workload")
            .containsExactly("benchmark-ffi: javascript add done", "benchmark-ffi: javascript length done",
                "benchmark-ffi: javascript transform done");
    }

    @Test
    void jsonHoldsEveryLanguageWorkloadModeAndFigure() {
        Run r = run(quick("--format", "json"));

        assertThat(r.exit()).as(r.err()).isZero();
        MapValue doc = (MapValue) ForeignJson.parse(r.out());
        assertThat(doc.get("iterations")).isEqualTo(ForeignValue.of(50));
        assertThat(doc.get("method").toString()).contains("not JMH");
        assertThat(doc.get("cache")).isEqualTo(ForeignValue.of("cache bundle not installed"));
        MapValue js = (MapValue) ((ListValue) doc.get("languages")).get(0);
        assertThat(js.get("runtime")).isEqualTo(ForeignValue.of("FakeJS 1.0, interpreter"));
        ListValue workloads = (ListValue) js.get("workloads");
        assertThat(workloads.values()).extracting(w -> ((MapValue) w).get("workload").toString())
            .containsExactly("add", "length", "transform");
        for (ForeignValue w : workloads.values()) {
            MapValue workload = (MapValue) w;
            MapValue modes = (MapValue) workload.get("modes");
            assertThat(modes.entries().keySet()).extracting(Object::toString).containsExactly("ffi", "native", "batched");
            MapValue ffi = (MapValue) modes.get("ffi");
            assertThat(ffi.get("samples")).isEqualTo(ForeignValue.of(50));
            assertThat(((ForeignValue.FloatValue) ffi.get("median_ns")).value()).isPositive();
            assertThat(ffi.get("p99_ns")).isInstanceOf(ForeignValue.FloatValue.class);
            assertThat(workload.get("ffi_native_ratio")).isInstanceOf(ForeignValue.FloatValue.class);
            assertThat(workload.get("error")).isEqualTo(ForeignValue.NULL);
        }
        assertThat(((ListValue) doc.get("skipped")).values()).extracting(s -> ((MapValue) s).get("language").toString())
            .containsExactly("c", "cpython", "go", "node", "python");
    }

    @Test
    void allSkipsLanguagesWithoutABridgeOrWithoutWorkloadCodeAndSaysWhy() {
        bridges.add(new BridgeInfo("cobol", List.of(), "gnucobol", 0, "com.example.cobol", "0.1.0",
            BridgeCapabilities.NONE, "GnuCOBOL"));

        Run r = run(quick("--language", "all"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped cobol: bridge gnucobol is installed, but the command has no workload"
            + " functions for cobol (it has them for: c, cpython, go, javascript, node, python)")
            .contains("skipped c: no bridge installed")
            .contains("skipped python: no bridge installed");
        assertThat(loaded).extracting(ModuleSpec::language).containsExactly("javascript");
    }

    @Test
    void cRunsTheWorkloadsItCanTakeFromTheBenchmarkLibraryAndSaysWhyNotTheOther() {
        bridges.add(new BridgeInfo("c", List.of(), "panama", 100, "io.ggen.ffi.bridge.panama", "1.0.0",
            BridgeCapabilities.NONE, "Panama FFM"));

        Run r = run(quick("--language", "c", "--format", "json"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(loaded).singleElement().satisfies(spec -> {
            assertThat(spec.language()).isEqualTo("c");
            assertThat(spec.bridgeName()).contains("panama");
            assertThat(spec.source()).isEqualTo("libggen_benchmark.so");
            assertThat(spec.options()).containsEntry("signature.add", "int64_t add(int64_t a, int64_t b)")
                .containsEntry("signature.length", "size_t length(const char* s)");
        });
        assertThat(r.err().lines().toList()).containsExactly("benchmark-ffi: c add done", "benchmark-ffi: c length done");
        MapValue doc = (MapValue) ForeignJson.parse(r.out());
        MapValue c = (MapValue) ((ListValue) doc.get("languages")).values().getFirst();
        assertThat(((ListValue) c.get("workloads")).values()).extracting(w -> ((MapValue) w).get("workload"))
            .containsExactly(ForeignValue.of("add"), ForeignValue.of("length"));
        assertThat(((ListValue) doc.get("skipped")).values()).singleElement().satisfies(skip -> {
            assertThat(((MapValue) skip).get("language")).isEqualTo(ForeignValue.of("c"));
            assertThat(((MapValue) skip).get("workload")).isEqualTo(ForeignValue.of("transform"));
            assertThat(((MapValue) skip).get("reason").toString()).contains("C functions take no maps");
        });
        assertThat(run(quick("--language", "c")).out()).contains("skipped c transform: C functions take no maps");
    }

    @Test
    void bridgeChoosesALowerRankedBridgeForItsLanguage() {
        bridges.add(new BridgeInfo("c", List.of(), "panama", 100, "io.ggen.ffi.bridge.panama", "1.0.0",
            BridgeCapabilities.NONE, "Panama FFM"));
        bridges.add(new BridgeInfo("c", List.of(), "jna", 50, "io.ggen.ffi.bridge.jna", "1.0.0",
            BridgeCapabilities.NONE, "JNA 5.18.1"));

        Run r = run(quick("--language", "c,js", "--bridge", "jna"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(loaded).extracting(spec -> spec.language() + "/" + spec.bridgeName().orElseThrow())
            .containsExactly("c/jna", "javascript/graaljs");   // in the order asked for
        assertThat(r.out()).contains("c: bridge jna, JNA 5.18.1");
        bridges.set(1, new BridgeInfo("c", List.of("ffm"), "panama", 100, "io.ggen.ffi.bridge.panama", "1.0.0",
            BridgeCapabilities.NONE, "Panama FFM"));
        loaded.clear();
        assertThat(run(quick("--language", "ffm", "--bridge", "jna")).exit()).as("an alias of the bridge not chosen").isZero();
        assertThat(loaded).extracting(spec -> spec.bridgeName().orElseThrow()).containsExactly("jna");

        Run unknown = run(quick("--language", "c", "--bridge", "jnr"));
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("error: no bridge named 'jnr'; installed: graaljs (javascript), panama (c), jna (c)");
    }

    @Test
    void rpcRunsTheWorkersOfTheDistributionAsTheirAliasesAndSaysWhyNotWhenOneCannotRun() {
        bridges.add(new BridgeInfo("rpc", List.of("go", "cpython", "node"), "rpc", 0, "io.ggen.ffi.bridge.rpc", "1.0.0",
            BridgeCapabilities.NONE, "worker processes"));
        bridges.add(new BridgeInfo("cobol", List.of("gnucobol"), "gnucobol", 0, "com.example.cobol", "0.1.0",
            BridgeCapabilities.NONE, "GnuCOBOL"));

        Run r = run(quick("--language", "rpc,gnucobol"));

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> runnable = java.util.stream.Stream.of("cpython", "node")
            .filter(l -> BenchmarkWorkloads.onPath(l.equals("cpython") ? "python3" : "node")).toList();
        assertThat(loaded).extracting(ModuleSpec::language).containsExactlyElementsOf(runnable);
        assertThat(loaded).allSatisfy(spec -> {
            assertThat(spec.bridgeName()).contains("rpc");
            assertThat(spec.source()).matches("(python3|node) '.*lib/workers/benchmark[-_]worker\\.(py|js)'");
        });
        for (String language : runnable) {
            assertThat(r.out()).containsPattern("(?m)^" + language + " +add ").containsPattern("(?m)^" + language + " +transform ");
        }
        // no distribution here (ggen.home is not set): no Go worker was built into lib/workers
        assertThat(r.out()).containsPattern("skipped go: .*lib/workers/ggen-benchmark-worker is missing or not executable:"
            + " the distribution was built without Go")
            .contains("skipped gnucobol: bridge gnucobol is installed, but the command has no workload functions for gnucobol");
        assertThat(run(quick("--language", "cpython")).out()).doesNotContainPattern("(?m)^node ");

        Run goTwice = run(quick("--language", "rpc,go"));
        assertThat(goTwice.out().lines().filter(l -> l.startsWith("skipped go:"))).as("said once").hasSize(1);
        Run nothing = run(quick("--language", "go"));
        assertThat(nothing.exit()).as("nothing could be measured").isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(nothing.out()).contains("nothing was measured").contains("skipped go:");
    }

    @Test
    void theSelectionIsWhatSelectingReturns() {
        bridges.add(new BridgeInfo("c", List.of(), "panama", 100, "io.ggen.ffi.bridge.panama", "1.0.0",
            BridgeCapabilities.NONE, "Panama FFM"));
        Map<String, BridgeInfo> installed = BenchmarkFfiCommand.installed(bridges);

        BenchmarkFfiCommand.Selection all = BenchmarkFfiCommand.selectAll(installed, bridges);
        assertThat(all.toRun()).containsOnlyKeys("javascript", "c");
        assertThat(all.skipped()).extracting(BenchmarkReport.Skipped::language)
            .containsExactly("cpython", "go", "node", "python");
        assertThat(all.unknown()).isEmpty();

        BenchmarkFfiCommand.Selection asked = BenchmarkFfiCommand.select(List.of("JS", "cobol"), installed, bridges);
        assertThat(asked.toRun()).as("an alias, in any case, is the bridge's language").containsOnlyKeys("javascript");
        assertThat(asked.unknown()).containsExactly("cobol");
    }

    @Test
    void workerPathsAreOneWordOfTheCommandLineWhateverTheyHold() {
        assertThat(BenchmarkWorkloads.quoted(Path.of("/opt/o'neil/ggen ffi/lib/workers/w.py")))
            .isEqualTo("'/opt/o'\\''neil/ggen ffi/lib/workers/w.py'");
    }

    @Test
    void aWorkerWhoseProgramIsNotOnThePathIsSkippedWithWhy() {
        BenchmarkWorkloads.Guest guest = new BenchmarkWorkloads.Guest(ModuleSpec.named("cpython", "no-such-python worker.py"),
            Map.of(), java.util.Optional.of("no-such-python-3.99"));

        assertThat(guest.missing()).contains("no-such-python-3.99 is not on the PATH: install it to measure cpython workers");
        assertThat(BenchmarkWorkloads.onPath("sh")).isTrue();
    }

    @Test
    void anUnknownLanguageExitsWithTwoAndListsTheInstalledOnes() {
        Run r = run(quick("--language", "cobol"));

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("error: no bridge is installed for 'cobol'; installed: javascript (js)");
        assertThat(run(quick("--language", "python")).err()).contains("the workloads for it are ready");
        assertThat(loaded).isEmpty();
    }

    @Test
    void aFailingWorkloadIsReportedAndTheOthersGoOn() {
        failing.add("length");
        wrong.add("transform");

        Run r = run(quick("--language", "javascript"));

        assertThat(r.exit()).isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(r.out()).contains("javascript length: error: [javascript] TypeError: length is broken")
            .contains("javascript transform: error: transform returned wrong, expected");
        String length = r.out().lines().filter(l -> l.startsWith("javascript  length")).findFirst().orElseThrow();
        assertThat(length).contains("error");
        String add = r.out().lines().filter(l -> l.startsWith("javascript  add")).findFirst().orElseThrow();
        assertThat(add).doesNotContain("error");
        assertThat(r.err()).contains("benchmark-ffi: javascript length failed: [javascript] TypeError: length is broken");
    }

    @Test
    void withTheCacheBundleCallsAreDeclaredPureAndMeasured() {
        cacheState = "ACTIVE";

        Run r = run(quick("--format", "json"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(seenOptions).isNotEmpty().allSatisfy(o -> assertThat(o.attribute("cache.pure")).contains("true"));
        MapValue doc = (MapValue) ForeignJson.parse(r.out());
        assertThat(doc.get("cache").toString()).contains("cache.pure=true");
        MapValue add = (MapValue) ((ListValue) ((MapValue) ((ListValue) doc.get("languages")).get(0)).get("workloads")).get(0);
        assertThat(((MapValue) add.get("modes")).get("cached")).isInstanceOf(MapValue.class);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run(quick("--chart", "out.pdf")).err()).contains("--chart out.pdf: name a .png or .svg file");
        assertThat(run(quick("--chart", "out.pdf")).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--iterations", "0").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--format", "xml").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpDescribesTheOptions() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--language", "--iterations", "--warmup", "--format", "--chart", "not JMH");
        assertThat(new CommandLine(new BenchmarkCommandService(runtime, b -> "?").newCommand()).getCommandName())
            .as("the name ggen --help lists").isEqualTo("benchmark-ffi");
    }

    @Test
    void chartsAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bench.png");
        Path svg = dir.resolve("bench.svg");

        assertThat(run(quick("--chart", png.toString())).exit()).isZero();
        assertThat(run(quick("--chart", svg.toString(), "--format", "json")).exit()).isZero();

        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        String text = Files.readString(svg).strip();
        assertThat(text.lines().skip(1).findFirst()).as("the root element").hasValueSatisfying(
            root -> assertThat(root).startsWith("<svg xmlns='http://www.w3.org/2000/svg'"));
        assertThat(text.endsWith("</svg>")).as("the document is complete").isTrue();
        assertThat(text.contains(">javascript add<")).as("the categories are labelled").isTrue();
    }

    @Test
    void onATerminalTheProgressIsOneBarRedrawnInPlace() {
        StringWriter text = new StringWriter();
        BenchmarkProgress progress = new BenchmarkProgress(new PrintWriter(text), true, 200);
        progress.advance("javascript", "add", BenchmarkReport.Mode.FFI, 100);
        assertThat(progress.bar("javascript add ffi")).isEqualTo("[###############...............]  50% javascript add ffi");
        progress.finished("javascript", new BenchmarkReport.WorkloadResult("add", "", Map.of(), null));
        progress.end();
        assertThat(text.toString()).startsWith("\r[").contains("javascript add done").endsWith("\r").doesNotContain("\n");
    }
}
