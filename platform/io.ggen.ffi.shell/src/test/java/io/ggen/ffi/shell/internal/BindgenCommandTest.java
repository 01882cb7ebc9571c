package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.FunctionSignature.Parameter;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ggen bindgen against a runtime whose modules tell the signatures a test gives them. */
class BindgenCommandTest {

    @TempDir
    Path folder;

    private final List<ModuleSpec> loaded = new ArrayList<>();
    private List<FunctionSignature> signatures = List.of(
        new FunctionSignature("add", List.of(new Parameter("a", "int", false), new Parameter("b", "int", false)), "int",
            "Adds.", false),
        new FunctionSignature("greet", List.of(new Parameter("name", "string", false),
            new Parameter("greeting", "optional<string>", true)), "string", "", false),
        new FunctionSignature("point", List.of(), "struct point", "", false));
    private RuntimeException loadFailure;

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(new BridgeInfo("python", List.of("py"), "graalpy", 100, "io.ggen.ffi.bridge.python", "1.1.0",
                    BridgeCapabilities.NONE, "GraalPy test"),
                new BridgeInfo("rpc", List.of("go", "cpython", "node"), "rpc", 100, "io.ggen.ffi.bridge.rpc", "1.1.0",
                    BridgeCapabilities.NONE, "RPC test"),
                new BridgeInfo("wasm", List.of("webassembly"), "chicory", 100, "io.ggen.ffi.bridge.wasm", "1.1.0",
                    BridgeCapabilities.NONE, "wasm test"));
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded.add(spec);
            if (loadFailure != null) {
                throw loadFailure;
            }
            return new ForeignModule() {
                @Override public String language() { return spec.language(); }
                @Override public String bridgeName() { return "graalpy"; }
                @Override public ModuleSpec spec() { return spec; }
                @Override public Set<String> functions() { return Set.of("add", "greet"); }
                @Override public List<FunctionSignature> signatures() { return signatures; }
                @Override public ForeignFunction function(String name) { throw new AssertionError(); }
                @Override public <T> T bind(MethodHandles.Lookup lookup, Class<T> api) { throw new AssertionError(); }
                @Override public void close() { }
            };
        }
    };

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new GgenCommandLine(runtime, () -> null, bundle -> "ACTIVE", List::of, false).run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheInterfaceOfAModuleAndSaysWhatItBindsAndSkips() throws Exception {
        Path pythonPath = Files.createDirectories(folder.resolve("py"));
        Run r = run("bindgen", "python", "--module", "math_utils", "--python-path", pythonPath.toString(),
            "--package", "org.acme.gen", "--output", folder.resolve("out").toString());

        Path file = folder.resolve("out/org/acme/gen/MathUtils.java");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("wrote " + file + ": 2 functions, 1 skipped (unknown type: 1)");
        assertThat(Files.readString(file)).contains("package org.acme.gen;", "public interface MathUtils",
            "long add(long a, long b);", "String greet(String name);", "String greet(String name, String greeting);",
            "ModuleSpec.named(LANGUAGE, SOURCE)", "\"ggen bindgen python\"");
        ModuleSpec module = loaded.getFirst();
        assertThat(module.language()).isEqualTo("python");
        assertThat(module.source()).isEqualTo("math_utils");
        assertThat(module.option(TestFfiCommand.PYTHON_PATH_OPTION)).contains(pythonPath.toAbsolutePath().toString());
        assertThat(module.option(TestFfiCommand.WORKING_DIR_OPTION)).isPresent();
    }

    @Test
    void aWorkerLanguageLoadsTheWorkerAndNamesTheInterfaceAfterItsProgram() {
        Run r = run("bindgen", "cpython", "--worker", "python3 -u workers/math_worker.py --fast", "--package", "org.acme",
            "--output", folder.toString(), "--option", "env.GGEN_SDK_PYTHON=/opt/sdk");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(loaded.getFirst().option("env.GGEN_SDK_PYTHON")).contains("/opt/sdk");
        assertThat(loaded.getFirst().language()).isEqualTo("cpython");
        assertThat(loaded.getFirst().source()).isEqualTo("python3 -u workers/math_worker.py --fast");
        assertThat(folder.resolve("org/acme/MathWorker.java")).exists();

        Run named = run("bindgen", "go", "--worker", "./calc", "--package", "org.acme", "--output", folder.toString(),
            "--name", "Calculator");
        assertThat(named.exit()).isZero();
        assertThat(folder.resolve("org/acme/Calculator.java")).exists();
    }

    @Test
    void aModuleWhoseBridgeTellsNoSignaturesIsAClearError() {
        signatures = List.of();
        Run r = run("bindgen", "py", "--module", "m", "--package", "org.acme", "--output", folder.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: the graalpy bridge tells no signatures of ")
            .contains("(its functions: add, greet)", "type hints");
    }

    @Test
    void aFailedLoadIsReportedAsTestFfiReportsIt() {
        loadFailure = new ForeignException("python", "SyntaxError", "invalid syntax", List.of(), null);
        Run r = run("bindgen", "python", "--module", "broken", "--package", "org.acme", "--output", folder.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FOREIGN_ERROR);
        assertThat(r.err().strip()).isEqualTo("error: [python] SyntaxError: invalid syntax");
    }

    @Test
    void badInputIsAUsageErrorBeforeAnythingLoads() {
        Run noFile = run("bindgen", "wasm", "--file", folder.resolve("missing.wasm").toString(), "--package", "org.acme",
            "--output", folder.toString());
        assertThat(noFile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("--file", "no such readable file", "see 'ggen bindgen wasm --help'");

        Run badPackage = run("bindgen", "python", "--module", "m", "--package", "org.acme.class", "--output",
            folder.toString());
        assertThat(badPackage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPackage.err()).contains("'org.acme.class' is not a Java package name");

        Run noPackage = run("bindgen", "python", "--module", "m", "--output", folder.toString());
        assertThat(noPackage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPackage.err()).contains("--package");

        Run noLanguage = run("bindgen");
        assertThat(noLanguage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noLanguage.err()).contains("which language?");
        assertThat(loaded).as("nothing loads for bad input").isEmpty();
    }

    @Test
    void cIsReadFromItsHeaderAndTheSummaryCountsWhatTheCBridgesCannotCall() throws Exception {
        Path header = Files.writeString(folder.resolve("geometry.h"), """
            struct point { int x; int y; };
            /** Adds. */
            int add(int a, int b);
            struct point mirror(struct point p);
            int format(const char* pattern, ...);
            """);
        Run r = run("bindgen", "c", "--header", header.toString(), "--package", "org.acme", "--output", folder.toString());
        Path file = folder.resolve("org/acme/Geometry.java");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("wrote " + file + ": 1 function, 2 skipped (struct by value: 1, variadic: 1)");
        assertThat(Files.readString(file)).contains("interface Geometry", "int add(int a, int b);");
        assertThat(loaded).as("C needs no bridge to generate").isEmpty();
    }

    @Test
    void helpListsEveryLanguageWithAnExample() {
        Run r = run("bindgen", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("  c ", "  python, py ", "  javascript, js ", "  go, cpython, node, rpc ", "  wasm ",
            "ggen bindgen c --header", "ggen bindgen python --module", "ggen bindgen js --file",
            "ggen bindgen cpython --worker", "ggen bindgen wasm --file");
        assertThat(run("--help").out()).contains("bindgen");
    }
}
