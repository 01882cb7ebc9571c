package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.BridgeInfo;
import java.util.List;
import java.util.Map;

/**
 * The Bridges table: per bridge its ranking (with a form to change it), its default isolation (with
 * a button to change it) and its bundle with its state and life-cycle buttons; then the bridge bundles
 * that serve no bridge now, to start them again.
 */
final class BridgesSection {

    private BridgesSection() {
    }

    static void render(StringBuilder html, List<BridgeRow> rows, DefaultIsolation isolation, Forms forms) {
        if (rows.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-no-bridges\">No bridges are present: drop a bridge bundle into"
                + " <code>deploy/</code>.</p>\n");
            return;
        }
        html.append("<table class=\"nicetable\" id=\"ggen-bridges\"><thead><tr><th>Language</th><th>Aliases</th>"
            + "<th>Name</th><th class=\"num\">Ranking</th><th>Isolated by default</th><th>Bundle</th><th>Version</th>"
            + "<th>State</th><th>Capabilities</th><th>Runtime</th><th>Bundle actions</th></tr></thead><tbody>\n");
        for (BridgeRow row : rows) {
            html.append("<tr data-bundle=\"").append(forHtmlAttribute(row.bundle())).append('"');
            if (row.bridge() != null) {
                html.append(" data-bridge=\"").append(forHtmlAttribute(row.bridge().name())).append("\" data-language=\"")
                    .append(forHtmlAttribute(row.bridge().language())).append('"');
            }
            html.append('>');
            if (row.bridge() != null) {
                bridgeCells(html, row, isolation, forms);
            } else {
                html.append("<td>–</td><td></td><td></td><td class=\"num\">–</td><td>–</td>");
            }
            cell(html, row.bundle());
            cell(html, row.version());
            html.append("<td class=\"ggen-state\">").append(forHtml(row.state())).append("</td>");
            if (row.bridge() != null) {
                cell(html, row.bridge().capabilities().toString());
                cell(html, row.bridge().description());
            } else {
                html.append("<td></td><td class=\"ggen-note\">serves no bridge now"
                    + (row.active() ? "" : ": start the bundle") + "</td>");
            }
            html.append("<td class=\"ggen-buttons\">").append(bundleButtons(row, forms)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        notes(html, isolation);
    }

    private static void bridgeCells(StringBuilder html, BridgeRow row, DefaultIsolation isolation, Forms forms) {
        BridgeInfo bridge = row.bridge();
        cell(html, bridge.language());
        cell(html, String.join(", ", bridge.aliases()));
        cell(html, bridge.name());
        html.append("<td class=\"num ggen-nowrap\"><span class=\"ggen-ranking\">").append(bridge.ranking()).append("</span>");
        if (row.pid().configurable()) {
            html.append(' ').append(forms.field(Actions.SET_RANKING, "Set", Map.of(Actions.BUNDLE,
                Long.toString(row.bundleId()), Actions.BRIDGE, bridge.name()), Actions.RANKING,
                Integer.toString(bridge.ranking()), "service.ranking in configuration " + row.pid().pid()
                    + "; empty: the bridge's own, " + row.pid().ownRanking()));
        } else {
            html.append("<div class=\"ggen-note ggen-fixed\">fixed: ").append(forHtml(row.pid().reason())).append("</div>");
        }
        html.append("</td>");
        boolean isolated = !row.isolatedBy().isEmpty();
        html.append("<td class=\"ggen-isolation\" data-isolated=\"").append(isolated).append("\">")
            .append(isolated ? "yes <span class=\"ggen-note\">(" + forHtml(String.join(", ", row.isolatedBy())) + ")</span>"
                : "no");
        if (isolation.changeable()) {
            html.append(' ').append(forms.button(Actions.SET_ISOLATION, isolated ? "Run in process" : "Isolate",
                Map.of(Actions.LANGUAGE, bridge.language(), Actions.BRIDGE, bridge.name(),
                    Actions.ISOLATED, Boolean.toString(!isolated))));
        }
        html.append("</td>");
    }

    private static String bundleButtons(BridgeRow row, Forms forms) {
        if (row.bundleId() < 0) {
            return "";
        }
        Map<String, String> bundle = Map.of(Actions.BUNDLE, Long.toString(row.bundleId()));
        return row.active()
            ? forms.button(Actions.STOP_BUNDLE, "Stop", bundle) + forms.button(Actions.RESTART_BUNDLE, "Restart", bundle)
            : forms.button(Actions.START_BUNDLE, "Start", bundle);
    }

    private static void notes(StringBuilder html, DefaultIsolation isolation) {
        html.append("<p class=\"ggen-note\">The highest ranked bridge serves its language by default. <em>Set</em> writes"
            + " <code>service.ranking</code> into the configuration of the bridge's component (ConfigurationAdmin; empty:"
            + " the bridge's own ranking), which restarts the component with it.</p>\n");
        html.append("<p class=\"ggen-note\" id=\"ggen-isolation-note\">Isolated by default: modules of these bridges run in"
            + " an isolate (a child JVM) unless they say <code>isolation=none</code>; property <code>isolated</code> of");
        if (isolation.pid().configurable()) {
            html.append(" the runtime's configuration <code>").append(forHtml(isolation.pid().pid())).append("</code>.");
        } else {
            html.append(" the runtime's configuration.");
        }
        if (!isolation.changeable()) {
            html.append(" It cannot be changed here: ").append(forHtml(isolation.problem())).append('.');
        }
        html.append("</p>\n<p class=\"ggen-note\"><em>Stop</em>, <em>Start</em> and <em>Restart</em> act on the bridge's"
            + " bundle; a bundle stopped here stays stopped, across restarts of the container too, until it is started.</p>\n");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(forHtml(text)).append("</td>");
    }
}
