package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.GgenCommand;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The command line against a runtime whose one function reports what it received. */
class GgenCommandLineTest {

    private ModuleSpec loaded;
    private CallOptions usedOptions;
    private CallOptions loadOptions;

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(new BridgeInfo("javascript", List.of("js"), "graaljs", 100, "io.ggen.ffi.bridge.js", "1.0.0",
                BridgeCapabilities.NONE, "GraalJS test"));
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded = spec;
            loadOptions = options;
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
        @Override public Set<String> functions() { return Set.of("args", "first", "fail", "slow"); }
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
                @Override public CompletableFuture<ForeignValue> invokeAsync(List<ForeignValue> a, CallOptions o) {
                    try {
                        return CompletableFuture.completedFuture(invoke(a, o));
                    } catch (RuntimeException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }
                @Override public List<io.ggen.ffi.api.BatchResult> invokeBatch(List<List<ForeignValue>> a, CallOptions o) { throw new AssertionError(); }
                @Override public Object call(Object... a) { throw new AssertionError(); }

                @Override
                public ForeignValue invoke(List<ForeignValue> args, CallOptions options) {
                    usedOptions = options;
                    return switch (name) {
                        case "args" -> ForeignValue.list(args);
                        case "first" -> args.getFirst();
                        case "slow" -> throw new ForeignTimeoutException("javascript", "call to slow timed out after 2s");
                        default -> throw new ForeignException("javascript", "TypeError", "bad thing",
                            List.of(new ForeignFrame("inner", "x.js", 3, 1)), null);
                    };
                }
            };
        }
    }

    private record Run(int exit, String out, String err) {
    }

    /** A command another bundle contributes: prints its option, or fails as asked. */
    @Command(name = "contributed", description = "A contributed command.")
    static final class ContributedCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--say")
        String say = "";

        @Override
        public Integer call() {
            if (say.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            spec.commandLine().getOut().println("said " + say);
            return ExitCodes.OK;
        }
    }

    private final List<GgenCommand> contributed = new ArrayList<>();

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new GgenCommandLine(runtime, () -> null, bundle -> "ACTIVE", () -> contributed).run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStringResultIsPrintedAsItIs() {
        Run r = run("test-ffi", "javascript", "--code", "function test() { return 'JS works'; }", "--function", "first",
            "--input", "JS works");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("JS works" + System.lineSeparator());
        assertThat(loaded.kind()).isEqualTo(ModuleSpec.SourceKind.CODE);
        assertThat(usedOptions.timeout()).isEmpty();
    }

    @Test
    void inputsKeepTheirOrderAcrossStringsAndJson() {
        Run r = run("test-ffi", "js", "--code", "x", "--function", "args", "--input", "a", "--input-json", "2",
            "--input", "c", "--input-json", "{\"k\":[true,null]}");
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("[\"a\",2,\"c\",{\"k\":[true,null]}]");
    }

    @Test
    void bigIntegersArePrintedAsNumbers() {
        Run r = run("test-ffi", "python", "--code", "x", "--function", "first", "--input-json", "1267650600228229401496703205376");
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("1267650600228229401496703205376");
        Run nested = run("test-ffi", "python", "--code", "x", "--function", "args", "--input-json", "-9007199254740993");
        assertThat(nested.out().strip()).isEqualTo("[-9007199254740993]");
    }

    @Test
    void optionsReachTheModuleSpecAndTheCall() {
        Run r = run("test-ffi", "js", "--code", "x", "--function", "first", "--input-json", "1", "--timeout", "1.5s",
            "--bridge", "other", "--option", "a=b");
        assertThat(r.exit()).isZero();
        assertThat(usedOptions.timeout()).contains(Duration.ofMillis(1500));
        assertThat(loadOptions.timeout()).as("the load is limited too").contains(Duration.ofMillis(1500));
        assertThat(loaded.bridgeName()).contains("other");
        assertThat(loaded.option("a")).contains("b");
    }

    @Test
    void aForeignErrorIsOneLineOnStderrAndTheStackOnlyWhenVerbose() {
        Run quiet = run("test-ffi", "js", "--code", "x", "--function", "fail");
        assertThat(quiet.exit()).isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err().strip()).isEqualTo("error: [javascript] TypeError: bad thing");

        Run verbose = run("test-ffi", "js", "--code", "x", "--function", "fail", "--verbose");
        assertThat(verbose.err()).contains("at inner (x.js:3)");
    }

    @Test
    void badInputAndTimeoutsHaveTheirOwnExitCodes() {
        assertThat(run("test-ffi", "js", "--code", "x", "--function", "nope").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("test-ffi", "js", "--code", "x").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("test-ffi", "js", "--code", "x", "--function", "first", "--input-json", "{oops").err())
            .contains("--input-json '{oops' is not valid JSON");
        assertThat(run("test-ffi", "js", "--code", "x", "--function", "first", "--timeout", "soon").err())
            .contains("'soon' is not a duration");
        assertThat(run("test-ffi", "js", "--code", "x", "--function", "slow").exit()).isEqualTo(ExitCodes.TIMEOUT);
    }

    @Test
    void bridgesAreListedAsATable() {
        Run r = run("bridges");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out()).contains("LANGUAGE").contains("javascript").contains("js").contains("graaljs")
            .contains("ACTIVE").contains("GraalJS test");
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("test-ffi").contains("bridges").contains("ggen start");
    }

    @Test
    void contributedCommandsAreListedRunAndReportErrorsLikeTheShellsOwn() {
        contributed.add(ContributedCommand::new);

        assertThat(run("--help").out()).contains("contributed").contains("A contributed command.");
        Run said = run("contributed", "--say", "hello");
        assertThat(said.exit()).isZero();
        assertThat(said.out().strip()).isEqualTo("said hello");
        Run boom = run("contributed", "--say", "boom");
        assertThat(boom.exit()).isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(boom.err().strip()).isEqualTo("error: IllegalStateException: boom");
        Run usage = run("contributed", "--shout");
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("error: Unknown option: '--shout'").contains("see 'ggen contributed --help'");
        assertThat(run("contributed").out().strip()).as("a fresh command per run: no option left over").isEqualTo("said");
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        PositiveDurationConverter durations = new PositiveDurationConverter();
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(durations.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(durations.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(durations.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> durations.convert("500")).isInstanceOf(TypeConversionException.class)
            .hasMessage("'500' has no unit: write 500ms or 500s");
        assertThatThrownBy(() -> durations.convert("0s")).isInstanceOf(TypeConversionException.class)
            .hasMessage("a timeout must be positive, not '0s'");
        assertThat(BindgenCommand.tenths(Duration.ofMillis(1234))).isEqualTo("1.2s");
        assertThat(BindgenCommand.tenths(Duration.ofMillis(96))).isEqualTo("100ms");
        assertThat(BindgenCommand.tenths(Duration.ofMillis(30_960))).isEqualTo("31s");
    }
}
