package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.CallMetrics.Latency;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG latency chart: where its points go, its scale and labels. */
class LatencyChartTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Latency window(int startSeconds, long p50Micros, long p99Micros) {
        return new Latency(T0.plusSeconds(startSeconds), Duration.ofSeconds(10), 5, p50Micros * 1000, p99Micros * 1000,
            p99Micros * 1000);
    }

    private static String points(String svg, String series) {
        Matcher m = Pattern.compile("<polyline class=\"" + series + "\"[^>]* points=\"([^\"]*)\"/>").matcher(svg);
        assertThat(m.find()).as(svg).isTrue();
        return m.group(1);
    }

    @Test
    void pointsAtTheMiddleOfEachWindowAcrossTheSpanAndUpFromZero() {
        // span 10:00:00 to 10:00:40; plot from x 52 to 350 (298 wide), y 10 (top: 20 µs, p99 max 20) to 126 (0)
        String svg = LatencyChart.svg("Latency of add", List.of(window(0, 5, 10), window(30, 10, 20)), ZoneOffset.UTC);
        assertThat(points(svg, "ggen-p50")).isEqualTo("89.3,97.0 312.8,68.0");
        assertThat(points(svg, "ggen-p99")).isEqualTo("89.3,68.0 312.8,10.0");
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ggen-latency\" width=\"360\""
            + " height=\"150\" viewBox=\"0 0 360 150\" role=\"img\" aria-label=\"Latency of add\">")
            .contains(">10:00:00</text>").contains(">10:00:40</text>")
            .contains(">20</text>").contains(">10</text>").contains(">0</text>")
            .contains("<title>p99 20.0 µs, 5 timed calls in 10s from 10:00:30 UTC</title>")
            .endsWith("</svg>");
    }

    @Test
    void oneWindowIsOneDotInTheMiddle() {
        String svg = LatencyChart.svg("x", List.of(window(0, 3, 7)), ZoneOffset.UTC);
        assertThat(points(svg, "ggen-p50")).isEqualTo("201.0,91.2");
        assertThat(svg).contains("<circle cx=\"201.0\" cy=\"91.2\" r=\"2.5\"");
    }

    @Test
    void windowsWithoutLengthAreSpacedEvenly() {
        List<Latency> instants = List.of(new Latency(T0, Duration.ZERO, 1, 1000, 1000, 1000),
            new Latency(T0, Duration.ZERO, 1, 1000, 1000, 1000));
        assertThat(LatencyChart.x(instants, 0)).isEqualTo(52 + 298 * 0.25);
        assertThat(LatencyChart.x(instants, 1)).isEqualTo(52 + 298 * 0.75);
    }

    @Test
    void theScaleTopIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(LatencyChart.niceCeiling(0)).isEqualTo(1);
        assertThat(LatencyChart.niceCeiling(0.4)).isEqualTo(1);
        assertThat(LatencyChart.niceCeiling(10)).isEqualTo(10);
        assertThat(LatencyChart.niceCeiling(10.5)).isEqualTo(20);
        assertThat(LatencyChart.niceCeiling(340)).isEqualTo(500);
        assertThat(LatencyChart.niceCeiling(501)).isEqualTo(1000);
        assertThat(LatencyChart.niceCeiling(120_000)).isEqualTo(200_000);
    }

    @Test
    void theTitleIsEscaped() {
        assertThat(LatencyChart.svg("a\"<b>", List.of(window(0, 1, 2)), ZoneOffset.UTC))
            .contains("aria-label=\"a&#34;&lt;b>\"");
    }
}
