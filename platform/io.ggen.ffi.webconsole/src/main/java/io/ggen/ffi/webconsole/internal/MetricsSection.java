package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.CallMetrics.FunctionLatency;
import io.ggen.ffi.api.CallMetrics.FunctionStats;
import io.ggen.ffi.api.CallMetrics.Latency;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The call metrics: calls, errors, stuck calls and latency (mean, p50, p99, max) per function, and a
 * chart of p50 and p99 over the recent windows for the most called functions.
 */
final class MetricsSection {

    /** How many functions get a chart, the most called first. */
    static final int CHARTS = 12;

    private MetricsSection() {
    }

    /** A function of a module of a bridge: what the figures are kept by. */
    private record Key(String bridge, String module, String function) {
    }

    static void render(StringBuilder html, CallMetrics metrics, ZoneId zone) {
        if (metrics == null) {
            html.append("<p class=\"statline\" id=\"ggen-metrics-off\">No call metrics: the io.ggen.ffi.metrics bundle"
                + " is not active.</p>\n");
            return;
        }
        List<FunctionStats> stats = metrics.snapshot();
        if (stats.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-metrics-empty\">No calls yet.</p>\n");
            return;
        }
        Map<Key, FunctionLatency> latencies = new HashMap<>();
        metrics.latencies().forEach(l -> latencies.put(new Key(l.bridge(), l.module(), l.function()), l));
        html.append("<table class=\"nicetable\" id=\"ggen-metrics\"><thead><tr><th>Bridge</th><th>Module</th>"
            + "<th>Function</th><th class=\"num\">Calls</th><th class=\"num\">Errors</th><th class=\"num\">Stuck</th>"
            + "<th class=\"num\">Mean µs</th><th class=\"num\">p50 µs</th><th class=\"num\">p99 µs</th>"
            + "<th class=\"num\">Max µs</th></tr></thead><tbody>\n");
        for (FunctionStats s : stats) {
            Latency all = latency(latencies.get(new Key(s.bridge(), s.module(), s.function())));
            html.append("<tr>");
            html.append("<td>").append(forHtml(s.bridge())).append("</td>");
            html.append("<td><code>").append(forHtml(s.module())).append("</code></td>");
            html.append("<td><code>").append(forHtml(s.function())).append("</code></td>");
            number(html, Long.toString(s.calls()));
            number(html, Long.toString(s.errors()));
            number(html, Long.toString(s.stuck()));
            number(html, s.totalNanos() == 0 ? "–" : micros(s.meanNanos()));
            number(html, all == null ? "–" : micros(all.p50Nanos()));
            number(html, all == null ? "–" : micros(all.p99Nanos()));
            number(html, s.maxNanos() == 0 ? "–" : micros(s.maxNanos()));
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"ggen-note\">Since the container started. Times are sampled"
            + " (io.ggen.ffi.metrics <code>sample.every</code>): – means no call of that function was timed yet. Stuck: see"
            + " below.</p>\n");
        charts(html, stats, latencies, zone);
    }

    private static Latency latency(FunctionLatency latency) {
        return latency == null || latency.all() == null || latency.all().timedCalls() == 0 ? null : latency.all();
    }

    private static void charts(StringBuilder html, List<FunctionStats> stats, Map<Key, FunctionLatency> latencies,
                               ZoneId zone) {
        List<FunctionLatency> charted = stats.stream().sorted(Comparator.comparingLong(FunctionStats::calls).reversed())
            .map(s -> latencies.get(new Key(s.bridge(), s.module(), s.function())))
            .filter(l -> l != null && !l.recent().isEmpty())
            .toList();
        html.append("<h3 class=\"ggen-subtitle\">Latency over time</h3>\n");
        if (charted.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-charts-empty\">No timed calls in the recent windows yet.</p>\n");
            return;
        }
        html.append("<p class=\"ggen-note\"><span class=\"ggen-key\" style=\"background:").append(LatencyChart.P50_COLOR)
            .append("\"></span> p50 <span class=\"ggen-key\" style=\"background:").append(LatencyChart.P99_COLOR)
            .append("\"></span> p99, per window of time with timed calls")
            .append(charted.size() > CHARTS ? "; the " + CHARTS + " most called functions of " + charted.size() : "")
            .append(".</p>\n<div class=\"ggen-charts\" id=\"ggen-charts\">\n");
        for (FunctionLatency l : charted.subList(0, Math.min(CHARTS, charted.size()))) {
            html.append("<figure class=\"ggen-chart\" data-function=\"").append(forHtmlAttribute(l.function())).append("\">")
                .append(LatencyChart.svg("Latency of " + l.function() + ": p50 and p99 over time", l.recent(), zone))
                .append("<figcaption><code>").append(forHtml(l.function())).append("</code> <span class=\"ggen-note\">")
                .append(forHtml(l.bridge())).append(", ").append(forHtml(Actions.abbreviate(l.module())))
                .append("</span></figcaption></figure>\n");
        }
        html.append("</div>\n");
    }

    private static void number(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(forHtml(text)).append("</td>");
    }

    /** Nanoseconds as microseconds with one decimal. */
    static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000);
    }
}
