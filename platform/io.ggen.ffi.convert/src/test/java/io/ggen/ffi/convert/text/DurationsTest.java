package io.ggen.ffi.convert.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The one duration vocabulary: what it reads, what it refuses, and that what it writes reads back. */
class DurationsTest {

    @Test
    void aNumberWithAUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0.25ms")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse(" 2 S ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("0s")).isZero();
        assertThat(Durations.parse("-2s")).isEqualTo(Duration.ofSeconds(-2));
    }

    @Test
    void iso8601() {
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBareNumberNeedsAUnitUnlessTheCallerNamesOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("500"))
            .withMessage("'500' has no unit: write 500ms or 500s");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(" 1.5 "))
            .withMessage("'1.5' has no unit: write 1.5ms or 1.5s");
        assertThat(Durations.parse("1500", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("2s", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(2));
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("2", ChronoUnit.MONTHS))
            .withMessageContaining("no exact length");
    }

    @Test
    void whatIsNotADurationSaysWhatToWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("soon"))
            .withMessage("'soon' is not a duration: write e.g. 500ms, 2s, 1.5s, 1m, 1h or PT2S");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("2 days"))
            .withMessageStartingWith("'2 days' is not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("  "))
            .withMessageStartingWith("no duration given");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("99999999999999999999h"))
            .withMessage("'99999999999999999999h' is too long a duration");
    }

    @Test
    void theShortestExactForm() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofSeconds(20))).isEqualTo("20s");
        assertThat(Durations.format(Duration.ofNanos(250_000))).isEqualTo("0.25ms");
        assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("0.000001ms");
        assertThat(Durations.format(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
    }

    @Property
    void whatIsWrittenReadsBack(@ForAll("durations") Duration duration) {
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Property
    void whatIsWrittenIsANumberAndAUnit(@ForAll("durations") Duration duration) {
        assertThat(Durations.format(duration)).matches("-?\\d+(\\.\\d+)?(ms|s|m|h)");
    }

    @Property
    void wholeMillisecondsInEveryUnitReadAsWritten(@ForAll("millis") long millis) {
        assertThat(Durations.parse(millis + "ms")).isEqualTo(Duration.ofMillis(millis));
        assertThat(Durations.parse(millis + "", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMillis(millis));
        assertThat(Durations.parse(Duration.ofMillis(millis).toString())).isEqualTo(Duration.ofMillis(millis));
    }

    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Duration> any = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 999_999_999))
            .as(Duration::ofSeconds);
        Arbitrary<Duration> everyday = Arbitraries.longs().between(0, 10_000_000).map(Duration::ofMillis);
        return Arbitraries.oneOf(any, everyday);
    }

    @Provide
    Arbitrary<Long> millis() {
        return Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L);
    }
}
