package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallCache.FunctionEntries;
import io.ggen.ffi.api.CallCache.Stats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cache of pure functions: its figures, its entries per function, and buttons to clear it or one function. */
final class CacheSection {

    private CacheSection() {
    }

    static void render(StringBuilder html, CallCache cache, Forms forms) {
        if (cache == null) {
            html.append("<p class=\"statline\" id=\"ggen-cache-off\">No cache: the io.ggen.ffi.cache bundle is not"
                + " active.</p>\n");
            return;
        }
        Stats stats = cache.stats();
        html.append("<table class=\"nicetable\" id=\"ggen-cache\"><thead><tr><th class=\"num\">Entries</th>"
            + "<th class=\"num\">Of at most</th><th class=\"num\">Hits</th><th class=\"num\">Misses</th>"
            + "<th class=\"num\">Hit rate</th><th class=\"num\">Bypassed</th><th class=\"num\">Evictions</th>"
            + "<th class=\"num\">Invalidations</th><th class=\"num\">Mean miss µs</th><th></th></tr></thead><tbody>\n<tr>");
        for (long figure : new long[] {stats.entries(), stats.maxEntries(), stats.hits(), stats.misses()}) {
            html.append("<td class=\"num\">").append(figure).append("</td>");
        }
        html.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.1f%%", stats.hitRate() * 100)).append("</td>");
        for (long figure : new long[] {stats.bypassed(), stats.evictions(), stats.invalidations()}) {
            html.append("<td class=\"num\">").append(figure).append("</td>");
        }
        html.append("<td class=\"num\">").append(stats.misses() == 0 ? "–" : MetricsSection.micros(stats.meanLoadNanos()))
            .append("</td><td class=\"ggen-buttons\">").append(forms.button(Actions.CLEAR_CACHE, "Clear all", Map.of()))
            .append("</td></tr>\n</tbody></table>\n");
        List<FunctionEntries> functions = cache.functions();
        if (functions.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-cache-functions-empty\">No function has cached results now.</p>\n");
        } else {
            html.append("<table class=\"nicetable\" id=\"ggen-cache-functions\"><thead><tr><th>Bridge</th><th>Module</th>"
                + "<th>Function</th><th class=\"num\">Results</th><th></th></tr></thead><tbody>\n");
            for (FunctionEntries f : functions) {
                html.append("<tr data-function=\"").append(forHtmlAttribute(f.function())).append("\"><td>")
                    .append(forHtml(f.bridge())).append("</td><td><code>").append(forHtml(f.module()))
                    .append("</code></td><td><code>").append(forHtml(f.function())).append("</code></td><td class=\"num\">")
                    .append(f.entries()).append("</td><td class=\"ggen-buttons\">")
                    .append(forms.button(Actions.CLEAR_FUNCTION, "Clear", Map.of(Actions.BRIDGE, f.bridge(),
                        Actions.MODULE, f.module(), Actions.FUNCTION, f.function())))
                    .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("<p class=\"ggen-note\">Only calls that declare their function pure are cached (<code>cache.pure=true</code>;"
            + " the <em>Pure</em> box of the form). Entries are an estimate; the figures count since the cache started.</p>\n");
    }
}
