package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(60);
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
    void aFailedCallsSpansSayTheError() throws IOException, InterruptedException {
        ProcessRun run = ggen("test-ffi", "javascript", "--code", "function test() { return undefinedThing; }", "--function", "test",
            "--trace", "--standalone");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).as(run.describe()).containsPattern("\n    call test  \\d+\\.\\d+ (us|ms)  error: .*undefinedThing")
            .containsPattern("\n      graaljs test  \\d+\\.\\d+ (us|ms)  error: ");
    }
}
