package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;

import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.util.List;

/** The page's native memory: live blocks and bytes per bundle, and the latest leaks with where they were allocated. */
final class MemorySection {

    /** How many leaks, newest first, and how many frames of each allocation site the page shows. */
    static final int LEAKS_SHOWN = 10;
    static final int FRAMES_SHOWN = 6;

    private MemorySection() {
    }

    static void render(StringBuilder html, NativeMemoryMonitor memory) {
        if (memory == null) {
            html.append("<p class=\"statline\" id=\"ggen-memory-off\">No native memory report: the io.ggen.ffi.memory"
                + " bundle is not active.</p>\n");
            return;
        }
        List<MemoryUsage> usage = memory.usageByBundle();
        if (usage.isEmpty()) {
            html.append("<p class=\"statline\" id=\"ggen-memory-empty\">No bundle has used native memory yet.</p>\n");
        } else {
            html.append("<table class=\"nicetable\" id=\"ggen-memory\"><thead><tr><th>Bundle</th><th class=\"num\">Live blocks</th>"
                + "<th class=\"num\">Live bytes</th><th class=\"num\">Allocated</th><th class=\"num\">Released</th>"
                + "<th class=\"num\">Leaked</th></tr></thead><tbody>\n");
            for (MemoryUsage u : usage) {
                html.append("<tr><td>").append(forHtml(u.owner())).append("</td>");
                number(html, u.liveBlocks());
                number(html, u.liveBytes());
                number(html, u.allocatedBlocks());
                number(html, u.releasedBlocks());
                number(html, u.leakedBlocks());
                html.append("</tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        List<LeakReport> leaks = memory.leaks();
        html.append("<p class=\"ggen-note\" id=\"ggen-leak-level\">Leak detection: <code>").append(memory.level())
            .append("</code> (PID <code>io.ggen.ffi.memory</code>, <code>leak.detection</code>). ")
            .append(leaks.isEmpty() ? "No leaks reported." : leaks.size() + " leak(s) reported; the latest:").append("</p>\n");
        if (leaks.isEmpty()) {
            return;
        }
        html.append("<table class=\"nicetable\" id=\"ggen-leaks\"><thead><tr><th>Detected</th><th>Bundle</th><th>Kind</th>"
            + "<th class=\"num\">Bytes</th><th>Allocated at</th></tr></thead><tbody>\n");
        for (int i = leaks.size() - 1; i >= Math.max(0, leaks.size() - LEAKS_SHOWN); i--) {
            LeakReport leak = leaks.get(i);
            html.append("<tr><td>").append(forHtml(leak.detected().toString())).append("</td><td>")
                .append(forHtml(leak.owner())).append("</td><td><code>").append(forHtml(leak.kind())).append("</code></td>");
            number(html, leak.size());
            html.append("<td>").append(site(leak.allocationSite())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String site(List<StackTraceElement> frames) {
        if (frames.isEmpty()) {
            return "not recorded at this level (ADVANCED or PARANOID record it)";
        }
        StringBuilder text = new StringBuilder("<code>");
        for (int i = 0; i < Math.min(FRAMES_SHOWN, frames.size()); i++) {
            text.append(i == 0 ? "" : "<br>").append(forHtml(frames.get(i).toString()));
        }
        return text.append(frames.size() > FRAMES_SHOWN ? "<br>..." : "").append("</code>").toString();
    }

    private static void number(StringBuilder html, long value) {
        html.append("<td class=\"num\">").append(value).append("</td>");
    }
}
