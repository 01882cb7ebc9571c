package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ggen.ffi.api.ForeignException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.junit.jupiter.api.Test;

class PolyglotErrorsTest {

    private final PolyglotErrors errors = new PolyglotErrors(TestJsPool.JS, (e, guest) -> null, source -> false);

    @Test
    void theStatementLimitIsReportedAsTheBridgesStatementLimit() {
        ResourceLimits limits = ResourceLimits.newBuilder().statementLimit(1_000, null).build();
        Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false")
            .resourceLimits(limits).build();
        PolyglotException e = catchThrowableOfType(PolyglotException.class,
            () -> context.eval("js", "while (true) {}"));
        // The limit cancelled the context: closing it again reports that once more.
        catchThrowableOfType(PolyglotException.class, context::close);

        assertThat(e.isResourceExhausted()).isTrue();
        ForeignException foreign = errors.toForeign(e, "the call to spin", false);
        assertThat(foreign.foreignType()).isEqualTo("ResourceExhausted");
        assertThat(foreign.getMessage())
            .contains("Statement count limit of 1000 exceeded")
            .contains("the bridge's statement.limit")
            .doesNotContain("heap");
    }

    /**
     * A real guest fills a real heap: in a JVM of its own with 64 MB, so that this one never runs out. The
     * child prints what {@link PolyglotErrors#toForeign} made of the error.
     */
    @Test
    void aGuestThatFillsTheHeapIsToldItRanOutOfHeapNotOfStatements() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), GuestHeapExhaustion.class.getName()))
            .redirectErrorStream(true)
            .start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ends; output:%n%s", output).isTrue();

        assertThat(output).contains("resourceExhausted=true");
        String foreign = output.lines().filter(line -> line.startsWith(GuestHeapExhaustion.MARK)).findFirst()
            .orElseThrow(() -> new AssertionError("the child printed no error:\n" + output));
        assertThat(foreign)
            .contains("the call to fill ran out of the Java heap in the JavaScript guest")
            .contains("raise -Xmx")
            .doesNotContain("Statement count limit");
    }
}
