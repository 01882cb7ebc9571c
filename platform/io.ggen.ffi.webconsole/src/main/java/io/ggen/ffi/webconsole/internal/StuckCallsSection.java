package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.CallMetrics.FunctionStats;
import java.util.List;

/** The functions with stuck calls: calls given up at their deadline whose thread the bridge could not stop. */
final class StuckCallsSection {

    private StuckCallsSection() {
    }

    static void render(StringBuilder html, CallMetrics metrics) {
        if (metrics == null) {
            html.append("<p class=\"statline\" id=\"ggen-stuck-off\">Stuck calls are counted by the io.ggen.ffi.metrics"
                + " bundle, which is not active.</p>\n");
            return;
        }
        List<FunctionStats> stuck = metrics.snapshot().stream().filter(s -> s.stuck() > 0).toList();
        if (stuck.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-stuck-none\">No stuck calls.</p>\n");
        } else {
            long total = stuck.stream().mapToLong(FunctionStats::stuck).sum();
            html.append("<p class=\"statline ui-state-error\" id=\"ggen-stuck-total\">").append(total)
                .append(total == 1 ? " stuck call" : " stuck calls").append(" since the container started.</p>\n")
                .append("<table class=\"nicetable\" id=\"ggen-stuck\"><thead><tr><th>Bridge</th><th>Module</th>"
                    + "<th>Function</th><th class=\"num\">Stuck</th><th class=\"num\">Of calls</th></tr></thead><tbody>\n");
            for (FunctionStats s : stuck) {
                html.append("<tr><td>").append(forHtml(s.bridge())).append("</td><td><code>").append(forHtml(s.module()))
                    .append("</code></td><td><code>").append(forHtml(s.function())).append("</code></td><td class=\"num\">")
                    .append(s.stuck()).append("</td><td class=\"num\">").append(s.calls()).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("<p class=\"ggen-note\">A stuck call was given up at its timeout but its bridge could not stop it (C"
            + " code, say): its thread still runs. Isolate the module to have such calls killed.</p>\n");
    }
}
