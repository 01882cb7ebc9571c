package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen test-ffi ... --trace} through the real {@code bin/ggen}, standalone, with the container's
 * default configuration (no tracing exporter): the result on stdout, then the span tree on stderr.
 */
class TraceIT extends OneShotRuns {

    private static final Pattern TRACE_LINE = Pattern.compile("trace [0-9a-f]{32}");
    private static final Pattern SPAN_LINE = Pattern.compile("( +)(.+?)  \\d+\\.\\d+ (us|ms)(  error: .*)?");

    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(90);
    }

    @Test
    void tracePrintsOneTraceWithGgenTheLoadTheCallAndTheBridgeIndentedByParentage() throws IOException, InterruptedException {
        ProcessRun run = ggen("test-ffi", "javascript", "--code", "function test() { return 'JS works'; }", "--function", "test",
            "--trace", "--standalone");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdoutLines()).as(run.describe()).containsExactly("JS works");
        List<String> tree = run.stderrLines().stream().dropWhile(line -> !TRACE_LINE.matcher(line).matches()).toList();
        assertThat(tree).as(run.describe()).hasSize(5);
        assertThat(run.stderrLines().stream().filter(line -> TRACE_LINE.matcher(line).matches())).as("one trace").hasSize(1);
        assertThat(tree.subList(1, 5)).as(run.describe()).allMatch(line -> SPAN_LINE.matcher(line).matches());
        assertThat(tree.subList(1, 5).stream().map(String::stripLeading).map(line -> line.substring(0, line.indexOf("  "))))
            .as(run.describe()).containsExactly("ggen test-ffi javascript", "load javascript", "call test", "graaljs test");
        assertThat(tree.subList(1, 5).stream().map(line -> line.length() - line.stripLeading().length()))
            .as("indented by parentage: ggen > load, call > bridge").containsExactly(2, 4, 4, 6);
    }

    @Test
    void anIsolatedCallHasTheIsolatesOwnSpanUnderTheBridgesInOneTrace() throws IOException, InterruptedException {
        ProcessRun run = ggen("test-ffi", "javascript", "--code", "function test() { return 'JS works'; }", "--function", "test",
            "--trace", "--standalone", "--isolated");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdoutLines()).as(run.describe()).containsExactly("JS works");
        List<String> tree = run.stderrLines().stream().dropWhile(line -> !TRACE_LINE.matcher(line).matches()).toList();
        assertThat(run.stderrLines().stream().filter(line -> TRACE_LINE.matcher(line).matches())).as("one trace").hasSize(1);
        assertThat(tree).as(run.describe()).hasSize(6);
        assertThat(tree.subList(1, 6)).as(run.describe()).allMatch(line -> SPAN_LINE.matcher(line).matches());
        assertThat(tree.subList(1, 6).stream().map(String::stripLeading).map(line -> line.substring(0, line.indexOf("  "))))
            .as(run.describe()).containsExactly("ggen test-ffi javascript", "load javascript", "call test", "graaljs test",
                "isolate graaljs test");
        assertThat(tree.subList(1, 6).stream().map(line -> line.length() - line.stripLeading().length()))
            .as("indented by parentage: ggen > load, call > bridge > the isolate's").containsExactly(2, 4, 4, 6, 8);
    }

    @Test
    void aFailedCallsSpansSayTheError() throws IOException, InterruptedException {
        ProcessRun run = ggen("test-ffi", "javascript", "--code", "function test() { return undefinedThing; }", "--function", "test",
            "--trace", "--standalone");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).as(run.describe()).containsPattern("\n    call test  \\d+\\.\\d+ (us|ms)  error: .*undefinedThing")
            .containsPattern("\n      graaljs test  \\d+\\.\\d+ (us|ms)  error: ");
    }

    @Test
    void aCPythonWorkersSpanIsUnderTheCallersInOneTrace() throws IOException, InterruptedException {
        Files.writeString(workDir.resolve("shout_worker.py"), """
            import sys
            sys.path.insert(0, %s)
            from ggen_worker import Worker
            w = Worker("shout")
            w.register("shout", lambda s: s.upper() + "!")
            w.serve()
            """.formatted("'" + home.resolve("sdk/python") + "'"));
        assertWorkerSpanUnderTheBridges("cpython", "python3 shout_worker.py", "shout", "cpython shout");
    }

    @Test
    void aNodeWorkersSpanIsUnderTheCallersInOneTrace() throws IOException, InterruptedException {
        Files.writeString(workDir.resolve("shout-worker.js"), """
            const { Worker } = require(%s);
            new Worker('shout').register('shout', (s) => s.toUpperCase() + '!').serve();
            """.formatted("'" + home.resolve("sdk/node/ggen-worker.js") + "'"));
        assertWorkerSpanUnderTheBridges("node", "node shout-worker.js", "shout", "node shout");
    }

    @Test
    void aGoWorkersSpanIsUnderTheCallersInOneTrace() throws IOException, InterruptedException {
        Path binary = workDir.resolve("go-math");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(REPO.resolve("examples/workers/go-math").toFile()).inheritIO();
        build.environment().put("GOPROXY", "off");
        build.environment().put("GOFLAGS", "-mod=mod");
        assertThat(build.start().waitFor()).as("go build").isZero();
        assertWorkerSpanUnderTheBridges("go", binary.toString(), "factorial", "go factorial");
    }

    /** The call's tree: ggen > call > the RPC bridge's span > the worker's own span, all of one trace. */
    private void assertWorkerSpanUnderTheBridges(String language, String worker, String function, String workerSpan)
            throws IOException, InterruptedException {
        ProcessRun run = ggen("test-ffi", language, "--worker", worker, "--function", function, "--input-json",
            function.equals("factorial") ? "5" : "\"hey\"", "--trace", "--standalone");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> tree = run.stderrLines().stream().dropWhile(line -> !TRACE_LINE.matcher(line).matches()).toList();
        assertThat(run.stderrLines().stream().filter(line -> TRACE_LINE.matcher(line).matches())).as("one trace").hasSize(1);
        assertThat(tree).as(run.describe()).anyMatch(line -> line.startsWith("    call " + function + "  "))
            .anyMatch(line -> line.startsWith("      rpc-worker " + function + "  "))
            .anyMatch(line -> line.startsWith("        " + workerSpan + "  "));
        int bridge = tree.indexOf(tree.stream().filter(line -> line.startsWith("      rpc-worker ")).findFirst().orElseThrow());
        assertThat(tree.get(bridge + 1)).as("the worker's span right under the bridge's: " + run.describe())
            .startsWith("        " + workerSpan + "  ");
    }
}
