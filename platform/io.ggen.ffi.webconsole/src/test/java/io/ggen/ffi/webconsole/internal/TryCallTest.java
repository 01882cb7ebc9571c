package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.CallOutcome.Returned;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** The form's input checks and the call through a fake runtime. */
class TryCallTest {

    private final FakeRuntime runtime = new FakeRuntime();
    private final TryCall tryCall = new TryCall(runtime, mock(Logger.class), Duration.ofMillis(300));

    private CallOutcome run(String language, String code, String function, String arguments, String timeout) {
        return tryCall.run(new CallForm(language, code, function, arguments, timeout));
    }

    @Test
    void aStringComesBackAsItIsAndTheModuleIsClosed() {
        CallOutcome outcome = run("javascript", "function greet() {}", "greet", "", "");
        assertThat(outcome).isInstanceOfSatisfying(Returned.class, r -> {
            assertThat(r.text()).isEqualTo("JS works <b>&</b>");
            assertThat(r.json()).isFalse();
            assertThat(r.bridge()).isEqualTo("graaljs");
        });
        assertThat(runtime.open).hasValue(0);
        assertThat(runtime.loaded.source()).isEqualTo("function greet() {}");
        assertThat(runtime.options.timeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void argumentsAreOneJsonValuePerLineAndOtherValuesComeBackAsJson() {
        CallOutcome outcome = run("js", "x", "args", "1\n\n  \"two\"  \r\n{\"a\": [true, null]}\n", "1.5s");
        assertThat(outcome).isInstanceOfSatisfying(Returned.class, r -> {
            assertThat(r.json()).isTrue();
            assertThat(r.text().replaceAll("\\s", "")).isEqualTo("[1,\"two\",{\"a\":[true,null]}]");
        });
        assertThat(runtime.options.timeout()).contains(Duration.ofMillis(1500));
    }

    @Test
    void badInputIsNamedAndNothingIsLoaded() {
        assertThat(run("javascript", "x", "", "", "")).isEqualTo(Failed.of("Bad input", "name the function to call"));
        assertThat(run("", "x", "f", "", "")).isEqualTo(Failed.of("Bad input", "choose a language"));
        assertThat(runtime.loaded).isNull();

        assertThat(run("javascript", "x", "args", "1\n{oops", "")).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("Bad input");
            assertThat(f.message()).startsWith("argument line 2 is not valid JSON: malformed JSON").contains("one JSON value per line");
        });
        assertThat(run("javascript", "x", "args", "", "soon")).isInstanceOfSatisfying(Failed.class,
            f -> assertThat(f.message()).isEqualTo("'soon' is not a duration: write e.g. 500ms, 2s, 1.5s, 1m, 1h or PT2S"));
        assertThat(run("javascript", "x", "args", "", "61s")).isInstanceOfSatisfying(Failed.class,
            f -> assertThat(f.message()).isEqualTo("the timeout can be at most 1m, not 61s"));
        assertThat(runtime.loaded).isNull();
    }

    @Test
    void foreignErrorsKeepTheirTypeAndFrames() {
        CallOutcome outcome = run("javascript", "x", "fail", "", "");
        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("Foreign error");
            assertThat(f.message()).isEqualTo("[javascript] TypeError: boom <script>");
            assertThat(f.foreignType()).isEqualTo("TypeError");
            assertThat(f.frames()).first().isEqualTo(new ForeignFrame("fail", "inline.js", 2, 9));
        });
        assertThat(runtime.open).hasValue(0);
    }

    @Test
    void eachKindOfFailureHasItsName() {
        assertThat(kind(run("python", "x", "f", "", ""))).isEqualTo("No bridge");
        assertThat(kind(run("javascript", "x", "nope", "", ""))).isEqualTo("No such function");
        assertThat(kind(run("javascript", "x", "slow", "", "1s"))).isEqualTo("Timed out");
        assertThat(kind(run("javascript", "syntax error", "f", "", ""))).isEqualTo("Foreign error");
        assertThat(runtime.open).hasValue(0);
    }

    @Test
    void aLoadGetsAtLeastTheMinimumPatienceAndATimeoutIsReported() {
        CallOutcome outcome = run("javascript", "hang", "greet", "", "100ms");
        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("Timed out");
            assertThat(f.message()).contains("loading").contains("timed out after 300ms");
        });
        assertThat(runtime.loadOptions.timeout()).contains(Duration.ofMillis(300));
        assertThat(runtime.open).hasValue(0);
    }

    @Test
    void timeoutsAreReadAsPeopleWriteThem() {
        assertThat(Timeouts.parse("")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Timeouts.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Timeouts.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Timeouts.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatIllegalArgumentException().isThrownBy(() -> Timeouts.parse("2")).withMessage("'2' has no unit: write 2ms or 2s");
        assertThat(Timeouts.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThatIllegalArgumentException().isThrownBy(() -> Timeouts.parse("0s")).withMessage("the timeout must be more than 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Timeouts.parse("-1s")).withMessage("the timeout must be more than 0");
        assertThat(TryCall.arguments(" \n")).isEmpty();
        assertThat(TryCall.arguments("null")).containsExactly(ForeignValue.NULL);
    }

    private static String kind(CallOutcome outcome) {
        return ((Failed) outcome).kind();
    }
}
