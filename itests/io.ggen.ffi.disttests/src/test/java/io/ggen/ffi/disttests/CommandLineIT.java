package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One-shot runs of the real {@code bin/ggen} of the assembled distribution, as a user types them: each a new
 * JVM that boots the container, runs one command and exits with its code.
 */
class CommandLineIT extends OneShotRuns {

    /** Generous: a cold JVM on a busy machine; a hang still fails in bounded time. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String HANDLEBARS =
        "function hb(t, d) { return require('handlebars').compile(t)(JSON.parse(d)); }";

    @Override
    Duration runTimeout() {
        return RUN_TIMEOUT;
    }

    @Test
    void referenceCommandTwoPrintsJsWorks() throws Exception {
        ProcessRun run = ggen("test-ffi", "javascript", "--code", "function test() { return 'JS works'; }", "--function", "test");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).isEqualTo("JS works" + System.lineSeparator());
        assertThat(run.stderr()).as(run::describe).isEmpty();
        System.out.printf("reference command 2 (ggen test-ffi javascript ... --function test): %d ms wall clock,"
            + " JVM start to exit%n", run.elapsed().toMillis());
    }

    @Test
    void inputJsonPassesTypedArguments() throws Exception {
        ProcessRun sum = ggen("test-ffi", "js", "--code", "function add(a, b) { return a + b; }", "--function", "add",
            "--input-json", "1", "--input-json", "2");
        assertThat(sum.exitCode()).as(sum::describe).isZero();
        assertThat(sum.stdoutLines()).as(sum::describe).containsExactly("3"); // numbers, not "12"

        ProcessRun object = ggen("test-ffi", "js",
            "--code", "function person(name, age) { return { name: name, age: age + 1, tags: ['a', null, true] }; }",
            "--function", "person", "--input", "Ada", "--input-json", "36");
        assertThat(object.exitCode()).as(object::describe).isZero();
        assertThat(object.stdoutLines()).as(object::describe)
            .containsExactly("{\"name\":\"Ada\",\"age\":37,\"tags\":[\"a\",null,true]}");
    }

    @Test
    void fileReadsTheCodeFromAFile() throws Exception {
        Path script = Files.writeString(workDir.resolve("greet.js"), """
            // a library file, as a user keeps it
            function greet(name) {
              return 'Hello, ' + name + '!';
            }
            """);

        ProcessRun run = ggen("test-ffi", "js", "--file", script.toString(), "--function", "greet", "--input", "Ada");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("Hello, Ada!");
    }

    @Test
    void aThrownErrorExitsOneWithOneLineAndVerboseAddsTheJavaScriptFrames() throws Exception {
        String code = "function f() {\n  throw new TypeError('x');\n}";
        ProcessRun plain = ggen("test-ffi", "javascript", "--code", code, "--function", "f");
        assertThat(plain.exitCode()).as(plain::describe).isEqualTo(1);
        assertThat(plain.stdout()).as(plain::describe).isEmpty();
        assertThat(plain.stderrLines()).as(plain::describe).containsExactly("error: [javascript] TypeError: x");

        ProcessRun verbose = ggen("test-ffi", "javascript", "--code", code, "--function", "f", "--verbose");
        assertThat(verbose.exitCode()).as(verbose::describe).isEqualTo(1);
        assertThat(verbose.stderrLines()).as(verbose::describe)
            .startsWith("error: [javascript] TypeError: x")
            .anySatisfy(line -> assertThat(line).matches("\\s+at f \\(inline\\.js:2\\)")); // the throw is on line 2
    }

    @Test
    void aSyntaxErrorFailsNamingTheLine() throws Exception {
        ProcessRun run = ggen("test-ffi", "js", "--code", "function f() {\n  return 1 +;\n}", "--function", "f");

        assertThat(run.exitCode()).as(run::describe).isNotZero();
        assertThat(run.stdout()).as(run::describe).isEmpty();
        assertThat(run.stderr()).as(run::describe).contains("SyntaxError").contains("inline.js:2");
    }

    @Test
    void aMissingFunctionExitsTwoNamingIt() throws Exception {
        ProcessRun run = ggen("test-ffi", "js", "--code", "function present() { return 1; }", "--function", "absent");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
        assertThat(run.stderr()).as(run::describe).contains("no function absent");
    }

    @Test
    void anUnknownLanguageExitsTwoWithNoBridge() throws Exception {
        ProcessRun run = ggen("test-ffi", "cobol", "--code", "DISPLAY 'HI'.", "--function", "main");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
        assertThat(run.stderr()).as(run::describe).contains("no bridge for cobol");
    }

    @Test
    void badInputJsonExitsTwo() throws Exception {
        ProcessRun run = ggen("test-ffi", "js", "--code", "function id(x) { return x; }", "--function", "id",
            "--input-json", "{name: 'not json'");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
        assertThat(run.stdout()).as(run::describe).isEmpty();
        assertThat(run.stderr()).as(run::describe).contains("--input-json");
    }

    @Test
    void aTimeoutStopsARunawayLoopWithExitCode124() throws Exception {
        ProcessRun run = ggen("test-ffi", "js", "--code", "function spin() { while (true) {} }", "--function", "spin",
            "--timeout", "500ms");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(124);
        assertThat(run.elapsed()).as("stopped long before the run's own timeout: %s", run.describe())
            .isLessThan(Duration.ofSeconds(30));
        assertThat(run.stderr()).as(run::describe).contains("timed out");
    }

    @Test
    void aTimeoutAlsoStopsALoopAtTheTopLevelOfTheCode() throws Exception {
        ProcessRun run = ggen("test-ffi", "js", "--code", "while (true) {}\nfunction f() {}", "--function", "f",
            "--timeout", "500ms");

        assertThat(run.exitCode()).as(run::describe).isEqualTo(124);
        assertThat(run.elapsed()).as("stopped long before the run's own timeout: %s", run.describe())
            .isLessThan(Duration.ofSeconds(30));
        assertThat(run.stderr()).as(run::describe).contains("loading").contains("timed out");
    }

    @Test
    void bridgesListsTheActiveJavaScriptBridgeOnTheOptimizingCompiler() throws Exception {
        ProcessRun run = ggen("bridges");
        assertThat(run.exitCode()).as(run::describe).isZero();

        // An aligned table: columns are two or more spaces apart; no cell holds two spaces.
        List<String> lines = run.stdoutLines();
        assertThat(lines).as(run::describe).hasSizeGreaterThanOrEqualTo(2);
        List<String> header = Arrays.asList(lines.getFirst().split("\\s{2,}"));
        assertThat(header).as(run::describe)
            .containsExactly("LANGUAGE", "ALIASES", "NAME", "RANKING", "BUNDLE", "VERSION", "STATE", "CAPABILITIES", "RUNTIME");
        Map<String, String> js = lines.stream().skip(1)
            .map(line -> line.split("\\s{2,}"))
            .filter(cells -> cells[0].equals("javascript"))
            .map(cells -> IntStream.range(0, Math.min(cells.length, header.size())).boxed()
                .collect(Collectors.toMap(header::get, i -> cells[i])))
            .findFirst()
            .orElseGet(() -> fail("no javascript row: " + run.describe()));

        assertThat(js).as(run::describe)
            .containsEntry("ALIASES", "js")
            .containsEntry("NAME", "graaljs")
            .containsEntry("BUNDLE", Distribution.JS_BRIDGE)
            .containsEntry("STATE", "ACTIVE")
            .containsEntry("CAPABILITIES", "cancellation, handles, inspector, isolation");
        // e.g. "GraalJS 25.0.3, optimizing compiler (GraalVM CE)"; "fallback" or "interpreter" would mean no lib/upgrade.
        assertThat(js.get("RUNTIME")).as(run::describe)
            .startsWith("GraalJS " + Distribution.graalJsVersion() + ", ")
            .contains("optimizing compiler")
            .doesNotContainIgnoringCase("fallback");
    }

    @Test
    void helpListsTheCommandsAndTheOptionsOfTestFfi() throws Exception {
        ProcessRun top = ggen("--help");
        assertThat(top.exitCode()).as(top::describe).isZero();
        assertThat(top.stdout()).as(top::describe)
            .containsPattern("(?m)^\\s+test-ffi\\s")
            .containsPattern("(?m)^\\s+bridges\\s");

        ProcessRun testFfi = ggen("test-ffi", "--help");
        assertThat(testFfi.exitCode()).as(testFfi::describe).isZero();
        assertThat(testFfi.stdout()).as(testFfi::describe)
            .containsPattern("(?m)^\\s+--input=STRING\\s")
            .containsPattern("(?m)^\\s+--input-json=JSON\\s")
            .containsPattern("(?m)^\\s+--timeout=DURATION\\s");
    }

    @Test
    void requireLoadsAnNpmPackageFromNodeModulesAndOnlyFromThere() throws Exception {
        Path npm = onPath("npm");
        if (npm == null) {
            fail("npm is not on the PATH (" + System.getenv("PATH") + "): this test installs handlebars from the npm"
                + " registry. Install Node.js and npm (e.g. apt-get install nodejs npm) and run the tests again.");
        }
        Path packages = Files.createDirectories(workDir.resolve("npm"));
        ProcessBuilder install = new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", "handlebars@4")
            .directory(packages.toFile());
        ProcessRun installed = ProcessRun.of(install, workDir, Duration.ofMinutes(3));
        assertThat(installed.exitCode()).as(installed::describe).isZero();
        Path nodeModules = packages.resolve("node_modules");
        assertThat(nodeModules.resolve("handlebars/package.json")).as(installed::describe).isRegularFile();

        ProcessRun run = ggen("test-ffi", "js", "--node-modules", nodeModules.toString(), "--code", HANDLEBARS,
            "--function", "hb", "--input", "Hi {{name}}", "--input", "{\"name\":\"Ada\"}");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("Hi Ada");

        ProcessRun withoutModules = ggen("test-ffi", "js", "--code", HANDLEBARS,
            "--function", "hb", "--input", "Hi {{name}}", "--input", "{\"name\":\"Ada\"}");
        assertThat(withoutModules.exitCode()).as(withoutModules::describe).isNotZero();
        assertThat(withoutModules.stdout()).as(withoutModules::describe).isEmpty();
        assertThat(withoutModules.stderrLines()).as(withoutModules::describe)
            .anySatisfy(line -> assertThat(line).startsWith("error: [").contains("require"));
    }

    /** The executable {@code name} in a folder of PATH, or null. */
    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    }
}
