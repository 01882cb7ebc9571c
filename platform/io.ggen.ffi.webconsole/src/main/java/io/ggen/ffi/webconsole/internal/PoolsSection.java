package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.api.ProcessPools.Pool;
import io.ggen.ffi.api.ProcessPools.PoolProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker pools of the RPC bridge and the isolates, from the {@link ProcessPools} services: a row
 * per process, the pool's cells spanning its processes, and a button to restart the pool.
 */
final class PoolsSection {

    private PoolsSection() {
    }

    static void render(StringBuilder html, List<ProcessPools> providers, Forms forms, Instant now) {
        if (providers.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-pools-off\">No worker pools or isolates: no ProcessPools service"
                + " is present (the io.ggen.ffi.bridge.rpc bundle is not active).</p>\n");
            return;
        }
        List<Pool> pools = new ArrayList<>();
        providers.forEach(provider -> pools.addAll(provider.pools()));
        if (pools.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-pools-empty\">No worker pool or isolate runs now: they start with"
                + " the first module of a worker (<code>--worker</code>, a configured pool) or an isolated module.</p>\n");
            return;
        }
        html.append("<table class=\"nicetable\" id=\"ggen-pools\"><thead><tr><th>Kind</th><th>Runs</th>"
            + "<th class=\"num\">Size</th><th class=\"num\">Modules</th><th class=\"num\">PID</th><th class=\"num\">Up</th>"
            + "<th class=\"num\">Calls</th><th class=\"num\">In flight</th><th class=\"num\">Restarts</th><th></th>"
            + "</tr></thead><tbody>\n");
        for (Pool pool : pools) {
            pool(html, pool, forms, now);
        }
        html.append("</tbody></table>\n<p class=\"ggen-note\">Size: the most processes the pool runs at once. Restarts:"
            + " how many processes that slot replaced before. <em>Restart</em> replaces every process of the pool: calls in"
            + " flight on them fail as if the process had crashed, and new processes take their place.</p>\n");
    }

    private static void pool(StringBuilder html, Pool pool, Forms forms, Instant now) {
        List<PoolProcess> processes = pool.processes();
        int span = Math.max(1, processes.size());
        String rowspan = span > 1 ? " rowspan=\"" + span + "\"" : "";
        html.append("<tr class=\"ggen-pool\" data-kind=\"").append(forHtmlAttribute(pool.kind())).append("\" data-pool=\"")
            .append(forHtmlAttribute(pool.id())).append("\">")
            .append("<td").append(rowspan).append('>').append(forHtml(pool.kind())).append("</td>")
            .append("<td").append(rowspan).append(" class=\"ggen-label\"><code>").append(forHtml(pool.label())).append("</code></td>")
            .append("<td class=\"num\"").append(rowspan).append('>').append(pool.size()).append("</td>")
            .append("<td class=\"num\"").append(rowspan).append('>').append(pool.modules()).append("</td>");
        if (processes.isEmpty()) {
            html.append("<td colspan=\"5\" class=\"ggen-note\">no process runs now: the next call starts one</td>");
        } else {
            process(html, processes.getFirst(), now);
        }
        html.append("<td").append(rowspan).append(" class=\"ggen-buttons\">").append(forms.button(Actions.RESTART_POOL,
            "Restart", Map.of(Actions.KIND, pool.kind(), Actions.POOL, pool.id()))).append("</td></tr>\n");
        for (PoolProcess process : processes.subList(Math.min(1, processes.size()), processes.size())) {
            html.append("<tr class=\"ggen-pool-process\" data-pool=\"").append(forHtmlAttribute(pool.id())).append("\">");
            process(html, process, now);
            html.append("</tr>\n");
        }
    }

    private static void process(StringBuilder html, PoolProcess process, Instant now) {
        html.append("<td class=\"num ggen-pid\">").append(process.pid() < 0 ? "TCP" : Long.toString(process.pid())).append("</td>")
            .append("<td class=\"num\">").append(forHtml(uptime(Duration.between(process.started(), now)))).append("</td>")
            .append("<td class=\"num\">").append(process.calls()).append("</td>")
            .append("<td class=\"num\">").append(process.inFlight()).append("</td>")
            .append("<td class=\"num\">").append(process.restarts()).append("</td>");
    }

    /** {@code 42s}, {@code 3m 05s}, {@code 2h 07m}, {@code 3d 04h}. */
    static String uptime(Duration up) {
        long s = Math.max(0, up.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(java.util.Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(java.util.Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
