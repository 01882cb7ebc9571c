package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.service.log.Logger;

/**
 * The page, as the HTML fragment the Web Console puts in its template: the notice of the last action,
 * links to the sections, and the sections. A section that fails to render (a service going away while
 * read) says so in its place; the others are shown. Every value is escaped by the sections.
 */
final class ConsolePage {

    /**
     * A section of the page.
     *
     * @param id the id of its heading, what the links at the top point to
     * @param title its heading
     * @param body writes its content
     */
    record Section(String id, String title, Consumer<StringBuilder> body) {
    }

    static final String STYLE = """
        <style>
          #ggen-ffi h2 { font-size: 1.25em; font-weight: bold; margin: 1.4em 0 .5em; }
          #ggen-ffi h3.ggen-subtitle { font-weight: bold; margin: 1em 0 .4em; }
          #ggen-ffi .ggen-note { color: #555; margin: .3em 0; }
          #ggen-ffi .ggen-nav { margin: .4em 0 .8em; }
          #ggen-ffi .ggen-nav a { margin-right: 1.2em; }
          #ggen-ffi #ggen-notice { margin: .6em 0; padding: .5em .8em; font-weight: bold; }
          #ggen-ffi td.num, #ggen-ffi th.num { text-align: right; padding-right: .8em; }
          #ggen-ffi td.ggen-buttons, #ggen-ffi td.ggen-nowrap { white-space: nowrap; }
          #ggen-ffi form.ggen-action { display: inline; margin: 0 .3em 0 0; }
          #ggen-ffi form.ggen-action button { padding: .1em .7em; cursor: pointer; }
          #ggen-ffi .ggen-fixed { font-size: 90%; text-align: left; max-width: 16em; white-space: normal; }
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
          #ggen-ffi .ggen-charts { display: flex; flex-wrap: wrap; gap: .8em; }
          #ggen-ffi figure.ggen-chart { margin: 0; padding: .4em; border: 1px solid #ddd; background: #fff; }
          #ggen-ffi figure.ggen-chart figcaption { margin-top: .2em; }
          #ggen-ffi .ggen-key { display: inline-block; width: 1.4em; height: .35em; vertical-align: middle; margin-left: .6em; }
        </style>
        """;

    private ConsolePage() {
    }

    /** The page; {@code notice} is shown at the top when not {@code null}. */
    static String render(Notice notice, List<Section> sections, Logger logger) {
        StringBuilder html = new StringBuilder(16_384).append(STYLE).append("<div id=\"ggen-ffi\">\n");
        if (notice != null) {
            html.append("<p class=\"statline ").append(notice.failed() ? "ui-state-error" : "ui-state-highlight")
                .append("\" id=\"ggen-notice\" data-failed=\"").append(notice.failed()).append("\">")
                .append(forHtml(notice.text())).append("</p>\n");
        }
        html.append("<p class=\"ggen-nav\">");
        for (Section section : sections) {
            html.append("<a href=\"#").append(section.id()).append("\">").append(forHtml(section.title())).append("</a>");
        }
        html.append("</p>\n");
        for (Section section : sections) {
            html.append("<h2 id=\"").append(section.id()).append("\">").append(forHtml(section.title())).append("</h2>\n");
            StringBuilder body = new StringBuilder(4096);
            try {
                section.body().accept(body);
                html.append(body);
            } catch (RuntimeException e) { // e.g. a service going away while read: say so, show the rest
                logger.warn("GGen FFI console: could not render the section {}", section.title(), e);
                html.append("<p class=\"statline ui-state-error ggen-section-error\">This section could not be shown: ")
                    .append(forHtml(String.valueOf(e))).append(". Reload the page; the container's log has the details.</p>\n");
            }
        }
        return html.append("</div>\n").toString();
    }
}
