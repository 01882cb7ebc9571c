package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ggen test-ffi python ...} through the real {@code bin/ggen}, run in a temporary folder as a user would. */
class PythonCommandLineIT extends OneShotRuns {

    /** Generous: a cold JVM that starts GraalPy on a busy machine; a hang still fails in bounded time. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    /** The repository's examples/python, from the module folder the tests run in. */
    private static final Path EXAMPLES = Path.of("../../examples/python").toAbsolutePath().normalize();

    @Override
    Duration runTimeout() {
        return RUN_TIMEOUT;
    }

    @Test
    void referenceCommandOnePrintsPythonAnalysisComplete() throws Exception {
        Files.writeString(workDir.resolve("test_analyzer.py"), "def analyze_code(code): return 'Python analysis complete'\n");
        ProcessRun run = ggen("test-ffi", "python", "--module", "test_analyzer", "--function", "analyze_code",
            "--input", "print('hello')");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("Python analysis complete");
    }

    @Test
    void pythonPathFindsModulesElsewhereAndValuesPrintAsJson() throws Exception {
        ProcessRun run = ggen("test-ffi", "py", "--module", "ast_analyzer", "--python-path", EXAMPLES.toString(),
            "--function", "analyze_code", "--input", "import os\ndef f(a):\n    return a\n");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe)
            .containsExactly("3 lines, 1 functions, 0 classes, 1 imports, complexity 1");

        ProcessRun json = ggen("test-ffi", "python", "--code", "def f(n, xs):\n    return {'big': 2 ** n, 'sum': sum(xs)}\n",
            "--function", "f", "--input-json", "70", "--input-json", "[1, 2.5]");
        assertThat(json.exitCode()).as(json::describe).isZero();
        assertThat(json.stdout()).as(json::describe).contains("1180591620717411303424").contains("3.5");
    }

    @Test
    void errorsExitOneAndVerboseShowsTheTraceback() throws Exception {
        Files.writeString(workDir.resolve("failing.py"), "def f(x):\n    raise KeyError(x)\n");
        ProcessRun run = ggen("test-ffi", "python", "--module", "failing", "--function", "f", "--input", "k", "--verbose");
        assertThat(run.exitCode()).as(run::describe).isEqualTo(1);
        assertThat(run.stdout()).as(run::describe).isEmpty();
        assertThat(run.stderrLines()).as(run::describe)
            .startsWith("error: [python] KeyError: 'k'")
            .anySatisfy(line -> assertThat(line).matches("\\s+at f \\(.*failing\\.py:2\\)"));

        ProcessRun missing = ggen("test-ffi", "python", "--module", "not_here", "--function", "f");
        assertThat(missing.exitCode()).as(missing::describe).isNotZero();
        assertThat(missing.stderr()).as(missing::describe).contains("ModuleNotFoundError").contains("not_here");

        Files.writeString(workDir.resolve("broken.py"), "x = 1\ndef f(:\n");
        ProcessRun syntax = ggen("test-ffi", "python", "--module", "broken", "--function", "f");
        assertThat(syntax.exitCode()).as(syntax::describe).isNotZero();
        assertThat(syntax.stderr()).as(syntax::describe).contains("SyntaxError").contains("line 2");
    }

    @Test
    void aTimeoutStopsARunawayLoopWithExitCode124() throws Exception {
        ProcessRun run = ggen("test-ffi", "python", "--code", "def spin():\n    while True:\n        pass\n",
            "--function", "spin", "--timeout", "1s");
        assertThat(run.exitCode()).as(run::describe).isEqualTo(124);
    }
}
