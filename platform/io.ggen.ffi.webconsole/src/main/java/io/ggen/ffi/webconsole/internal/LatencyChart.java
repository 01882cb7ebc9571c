package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.CallMetrics.Latency;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A function's latency over time as an inline SVG drawn on the server: p50 and p99 of each recent
 * window as two polylines (a dot per window, with its figures as a tooltip), time across, microseconds
 * up from zero.
 */
final class LatencyChart {

    static final int WIDTH = 360;
    static final int HEIGHT = 150;
    static final int LEFT = 52;
    static final int RIGHT = 10;
    static final int TOP = 10;
    static final int BOTTOM = 24;
    static final String P50_COLOR = "#2a6ebb";
    static final String P99_COLOR = "#d9822b";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private LatencyChart() {
    }

    /** The chart of {@code windows} (oldest first, at least one), labelled {@code title} for screen readers. */
    static String svg(String title, List<Latency> windows, ZoneId zone) {
        double top = niceCeiling(windows.stream().mapToLong(Latency::p99Nanos).max().orElse(0) / 1000.0);
        StringBuilder svg = new StringBuilder(2048)
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ggen-latency\" width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" role=\"img\" aria-label=\"").append(forHtmlAttribute(title)).append("\">");
        for (int i = 0; i <= 2; i++) {   // grid lines and labels at 0, half and the top
            double y = y(top * i / 2, top);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(i == 0 ? "#999" : "#e3e3e3").append("\"/>")
                .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(y + 3.5))
                .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">").append(label(top * i / 2)).append("</text>");
        }
        svg.append("<text x=\"4\" y=\"").append(TOP + 4).append("\" font-size=\"9\" fill=\"#777\">µs</text>");
        Instant first = windows.getFirst().start();
        Latency last = windows.getLast();
        Instant end = last.start().plus(last.length());
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6)
            .append("\" font-size=\"10\" fill=\"#555\">").append(TIME.format(first.atZone(zone))).append("</text>")
            .append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 6)
            .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">").append(TIME.format(end.atZone(zone))).append("</text>");
        series(svg, "ggen-p99", P99_COLOR, windows, top, true);
        series(svg, "ggen-p50", P50_COLOR, windows, top, false);
        return svg.append("</svg>").toString();
    }

    private static void series(StringBuilder svg, String css, String color, List<Latency> windows, double top, boolean p99) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < windows.size(); i++) {
            Latency w = windows.get(i);
            double x = x(windows, i);
            double y = y((p99 ? w.p99Nanos() : w.p50Nanos()) / 1000.0, top);
            points.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            dots.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"2.5\" fill=\"")
                .append(color).append("\"><title>").append(forHtml(tooltip(w, p99))).append("</title></circle>");
        }
        svg.append("<polyline class=\"").append(css).append("\" fill=\"none\" stroke=\"").append(color)
            .append("\" stroke-width=\"1.5\" points=\"").append(points).append("\"/>").append(dots);
    }

    private static String tooltip(Latency w, boolean p99) {
        return (p99 ? "p99 " + MetricsSection.micros(w.p99Nanos()) : "p50 " + MetricsSection.micros(w.p50Nanos()))
            + " µs, " + w.timedCalls() + " timed calls in " + w.length().toSeconds() + "s from "
            + TIME.format(w.start().atZone(ZoneId.of("UTC"))) + " UTC";
    }

    /** The middle of window {@code i} across the span of all, or evenly spaced when the span is nil. */
    static double x(List<Latency> windows, int i) {
        double width = WIDTH - LEFT - RIGHT;
        Instant first = windows.getFirst().start();
        Latency last = windows.getLast();
        double span = last.start().plus(last.length()).toEpochMilli() - first.toEpochMilli();
        if (span <= 0) {
            return LEFT + width * (i + 0.5) / windows.size();
        }
        Latency w = windows.get(i);
        double middle = w.start().toEpochMilli() + w.length().toMillis() / 2.0 - first.toEpochMilli();
        return LEFT + width * middle / span;
    }

    static double y(double micros, double top) {
        double height = HEIGHT - TOP - BOTTOM;
        return TOP + height * (1 - micros / top);
    }

    /** The least of 1, 2, 5 times a power of ten that is at least {@code value} (1 for nothing). */
    static double niceCeiling(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double micros) {
        return micros == Math.rint(micros) ? Long.toString((long) micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
