package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors of Java code that JavaScript called (host access on): the caller's exception reads in call
 * order down its cause chain, the JavaScript frames, then the Java code's, then what that code let through.
 */
class JsHostErrorsTest {

    /** What JavaScript calls: Java code that fails, or lets another language's error through. */
    public static final class Checks {

        private Checks() {
        }

        public static long viaPython(long n) {
            return raisePython(n);
        }

        private static long raisePython(long n) {
            throw new ForeignException("python", "ValueError", "negative: " + n,
                List.of(new ForeignFrame("check", "checks.py", 3, -1)), null);
        }

        public static long plain(long n) {
            throw new IllegalStateException("no " + n);
        }
    }

    private static GraalJsBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(new JsSettings(1, true, false, null, 0, Duration.ofSeconds(5)));
        String checks = Checks.class.getName();
        module = TestSupport.code(bridge, """
            function total(n) {
              return Java.type('%s').viaPython(n);
            }
            function plain(n) {
              return Java.type('%s').plain(n);
            }
            """.formatted(checks, checks));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void anotherLanguagesErrorThroughJavaReadsJavaScriptThenJavaThenThatLanguage() {
        ForeignException e = catchThrowableOfType(ForeignException.class, () -> call(module, "total", ForeignValue.of(-3)));

        assertThat(e.language()).isEqualTo("javascript");
        assertThat(e.foreignType()).isEqualTo("HostException");
        assertThat(e.getMessage()).contains("[javascript]").contains("[python] ValueError: negative: -3");
        assertThat(e.foreignFrames()).extracting(ForeignFrame::function).containsExactly("total");
        ForeignException java = (ForeignException) e.getCause();
        assertThat(java.language()).isEqualTo("java");
        assertThat(java.getStackTrace()[0].getMethodName()).isEqualTo("raisePython");
        assertThat(java.getStackTrace()).noneMatch(f -> f.getClassName().startsWith("<"));
        ForeignException python = (ForeignException) java.getCause();
        assertThat(python.language()).isEqualTo("python");
        assertThat(python.foreignType()).isEqualTo("ValueError");

        List<String> trace = trace(e);
        assertThat(trace).containsSubsequence("<javascript>.total", Checks.class.getName() + ".viaPython",
            "<python>.check");
    }

    @Test
    void javasOwnExceptionIsTheCauseAsThrown() {
        ForeignException e = catchThrowableOfType(ForeignException.class, () -> call(module, "plain", ForeignValue.of(4)));

        assertThat(e.getMessage()).isEqualTo("[javascript] HostException: java.lang.IllegalStateException: no 4");
        assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("no 4");
        assertThat(e.getCause().getStackTrace()[0].getMethodName()).isEqualTo("plain");
    }

    /** Every frame of the exception and its causes, as printed, {@code class.method}. */
    static List<String> trace(Throwable e) {
        List<String> frames = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                frames.add(frame.getClassName() + "." + frame.getMethodName());
            }
        }
        return frames;
    }
}
