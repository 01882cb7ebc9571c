package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.CallMetrics.FunctionStats;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.util.List;
import java.util.Locale;

/**
 * The page, as the HTML fragment the Web Console puts in its template: the bridges, the "Try a
 * call" form with the outcome of the last call, and the call metrics. Every value is escaped.
 */
final class ConsolePage {

    /**
     * What the page shows.
     *
     * @param bridges the bridges present
     * @param metrics the call metrics, or {@code null} when the metrics bundle is not active
     * @param call the form and the outcome of the call it made, if any
     * @param notice a line to show above the form, or {@code null}
     */
    record Model(List<BridgeInfo> bridges, CallMetrics metrics, NativeMemoryMonitor memory, CallSection call, String notice) {
    }

    static final String STYLE = """
        <style>
          #ggen-ffi h2 { font-size: 1.25em; font-weight: bold; margin: 1.4em 0 .5em; }
          #ggen-ffi h2:first-child { margin-top: .4em; }
          #ggen-ffi .ggen-note { color: #555; margin: .3em 0; }
          #ggen-ffi td.num, #ggen-ffi th.num { text-align: right; padding-right: .8em; }
          #ggen-ffi code, #ggen-ffi pre, #ggen-ffi textarea, #ggen-ffi input.ggen-mono { font-family: monospace; font-size: 9pt; }
          #ggen-ffi table.ggen-form { border-collapse: collapse; width: 100%; max-width: 60em; }
          #ggen-ffi table.ggen-form th { width: 8em; text-align: right; padding: .5em .8em 0 0; }
          #ggen-ffi table.ggen-form td { padding: .3em 0; }
          #ggen-ffi table.ggen-form textarea, #ggen-ffi table.ggen-form input.ggen-wide { width: 100%; box-sizing: border-box; }
          #ggen-ffi #ggen-submit { padding: .3em 1.8em; font-weight: bold; cursor: pointer; }
          #ggen-ffi .ggen-outcome { box-sizing: border-box; max-width: 51.2em; margin: 1em 0 0 8.8em; padding: .4em .9em; border-left: 4px solid; }
          #ggen-ffi .ggen-returned { border-color: #3c8d3c; background: #f1f9f1; }
          #ggen-ffi .ggen-failed { border-color: #c0392b; background: #fdf2f1; }
          #ggen-ffi .ggen-outcome pre { white-space: pre-wrap; word-break: break-word; margin: .4em 0; padding: .5em; background: #fff; border: 1px solid #ddd; }
          #ggen-ffi .ggen-outcome ol { margin: .3em 0 .3em 2em; list-style: decimal; }
        </style>
        """;

    private ConsolePage() {
    }

    static String render(Model model) {
        StringBuilder html = new StringBuilder(8192).append(STYLE).append("<div id=\"ggen-ffi\">\n");
        bridges(html, model.bridges());
        html.append("<h2>Try a call</h2>\n");
        if (model.notice() != null) {
            html.append("<p class=\"statline ui-state-highlight\" id=\"ggen-notice\">").append(forHtml(model.notice()))
                .append("</p>\n");
        }
        model.call().render(html, model.bridges());
        metrics(html, model.metrics());
        MemorySection.render(html, model.memory());
        return html.append("</div>\n").toString();
    }

    private static void bridges(StringBuilder html, List<BridgeInfo> bridges) {
        html.append("<h2>Bridges</h2>\n");
        if (bridges.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-no-bridges\">No bridges are present: drop a bridge bundle into"
                + " <code>deploy/</code>.</p>\n");
            return;
        }
        html.append("<table class=\"nicetable\" id=\"ggen-bridges\"><thead><tr><th>Language</th><th>Aliases</th>"
            + "<th>Name</th><th class=\"num\">Ranking</th><th>Bundle</th><th>Version</th><th>Capabilities</th><th>Runtime</th></tr></thead><tbody>\n");
        for (BridgeInfo b : bridges) {
            html.append("<tr>");
            cell(html, b.language());
            cell(html, String.join(", ", b.aliases()));
            cell(html, b.name());
            html.append("<td class=\"num\">").append(b.ranking()).append("</td>");
            cell(html, b.bundle());
            cell(html, b.version());
            cell(html, b.capabilities().toString());
            cell(html, b.description());
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void metrics(StringBuilder html, CallMetrics metrics) {
        html.append("<h2>Call metrics</h2>\n");
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
        html.append("<table class=\"nicetable\" id=\"ggen-metrics\"><thead><tr><th>Bridge</th><th>Module</th>"
            + "<th>Function</th><th class=\"num\">Calls</th><th class=\"num\">Errors</th><th class=\"num\">Stuck</th><th class=\"num\">Mean µs</th>"
            + "<th class=\"num\">Max µs</th></tr></thead><tbody>\n");
        for (FunctionStats s : stats) {
            html.append("<tr>");
            cell(html, s.bridge());
            html.append("<td><code>").append(forHtml(s.module())).append("</code></td>");
            html.append("<td><code>").append(forHtml(s.function())).append("</code></td>");
            number(html, Long.toString(s.calls()));
            number(html, Long.toString(s.errors()));
            number(html, Long.toString(s.stuck()));
            number(html, s.totalNanos() == 0 ? "–" : micros(s.meanNanos()));
            number(html, s.maxNanos() == 0 ? "–" : micros(s.maxNanos()));
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"ggen-note\">Since the container started. Times are sampled"
            + " (io.ggen.ffi.metrics <code>sample.every</code>): – means no call of that function was timed yet. Stuck: calls"
            + " given up at their timeout whose bridge could not stop them; their threads still run (isolate the"
            + " module to have them killed).</p>\n");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(forHtml(text)).append("</td>");
    }

    private static void number(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(forHtml(text)).append("</td>");
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000);
    }
}
