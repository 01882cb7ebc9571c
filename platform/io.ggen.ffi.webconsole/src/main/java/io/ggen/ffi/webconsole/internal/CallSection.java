package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.convert.text.Durations;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.CallOutcome.Returned;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Try a call" form, filled with {@code form}, and the outcome of the call it made.
 *
 * @param form the values to show
 * @param outcome how the call ended, or {@code null} before any call
 * @param action where the form posts to
 * @param token the token the form must post back
 */
record CallSection(CallForm form, CallOutcome outcome, String action, String token) {

    static final String TOKEN = "token";

    private static final String SCRIPT = """
        <script>
          (function () {
            var form = document.getElementById('ggen-call');
            form.addEventListener('submit', function () {
              var button = document.getElementById('ggen-submit');
              button.disabled = true;
              button.value = 'Calling\\u2026';
            });
            form.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
            });
          })();
        </script>
        """;

    void render(StringBuilder html, List<BridgeInfo> bridges) {
        html.append("<form id=\"ggen-call\" method=\"post\" accept-charset=\"UTF-8\" action=\"")
            .append(forHtmlAttribute(action)).append("\">\n")
            .append("<input type=\"hidden\" name=\"").append(TOKEN).append("\" value=\"").append(forHtmlAttribute(token))
            .append("\"/>\n<table class=\"ggen-form\">\n");
        row(html, "ggen-language", "Language", languageSelect(bridges));
        row(html, "ggen-code", "Code", textarea("ggen-code", CallForm.CODE, 8, form.code(),
            "function test() { return 'JS works'; }"));
        row(html, "ggen-function", "Function", "<input type=\"text\" class=\"ggen-mono\" size=\"30\" id=\"ggen-function\""
            + " name=\"" + CallForm.FUNCTION + "\" placeholder=\"test\" value=\"" + forHtmlAttribute(form.function()) + "\"/>");
        row(html, "ggen-arguments", "Arguments", textarea("ggen-arguments", CallForm.ARGUMENTS, 3, form.arguments(),
            "one JSON value per line, e.g.\n42\n\"text\"\n{\"a\": [1, 2]}"));
        row(html, "ggen-timeout", "Timeout", "<input type=\"text\" class=\"ggen-mono\" size=\"8\" id=\"ggen-timeout\" name=\""
            + CallForm.TIMEOUT + "\" value=\"" + forHtmlAttribute(form.timeout()) + "\"/> <span class=\"ggen-note\">e.g. 500ms,"
            + " 5s, 1m; at most " + Durations.format(Timeouts.MAX) + "</span>");
        row(html, "ggen-isolated", "Isolated", "<input type=\"checkbox\" id=\"ggen-isolated\" name=\"" + CallForm.ISOLATED
            + "\"" + (form.isolated() ? " checked" : "") + "/> <span class=\"ggen-note\">in an isolate: a child JVM that"
            + " a crash or a runaway loop cannot take the container down with (slower to start)</span>");
        row(html, "ggen-pure", "Pure", "<input type=\"checkbox\" id=\"ggen-pure\" name=\"" + CallForm.PURE
            + "\"" + (form.pure() ? " checked" : "") + "/> <span class=\"ggen-note\">declare the function pure: its"
            + " result depends on its arguments only, so the cache (io.ggen.ffi.cache) may keep and answer it</span>");
        html.append("<tr><th></th><td><input type=\"submit\" class=\"ui-state-default ui-corner-all\" id=\"ggen-submit\""
            + " value=\"Call\"/> <span class=\"ggen-note\">loads the code, calls the function once, closes the module"
            + " (Ctrl+Enter)</span></td></tr>\n</table>\n</form>\n").append(SCRIPT);
        if (outcome != null) {
            outcome(html);
        }
    }

    private String languageSelect(List<BridgeInfo> bridges) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (BridgeInfo b : bridges) {
            labels.putIfAbsent(b.language(), b.aliases().isEmpty() ? b.language()
                : b.language() + " (" + String.join(", ", b.aliases()) + ")");
        }
        if (!form.language().isEmpty() && !labels.containsKey(form.language())) {
            labels.put(form.language(), form.language() + " (no bridge)");
        }
        StringBuilder select = new StringBuilder("<select id=\"ggen-language\" name=\"" + CallForm.LANGUAGE + "\">");
        labels.forEach((language, label) -> select.append("<option value=\"").append(forHtmlAttribute(language)).append('"')
            .append(language.equals(form.language()) ? " selected=\"selected\"" : "")
            .append('>').append(forHtml(label)).append("</option>"));
        return select.append("</select>").toString();
    }

    private static String textarea(String id, String name, int rows, String value, String placeholder) {
        // The newline after the start tag is dropped by the HTML parser, so a value that starts with one keeps it.
        return "<textarea id=\"" + id + "\" name=\"" + name + "\" rows=\"" + rows + "\" spellcheck=\"false\" placeholder=\""
            + forHtmlAttribute(placeholder) + "\">\n" + forHtml(value) + "</textarea>";
    }

    private static void row(StringBuilder html, String id, String label, String field) {
        html.append("<tr><th><label for=\"").append(id).append("\">").append(label).append("</label></th><td>")
            .append(field).append("</td></tr>\n");
    }

    private void outcome(StringBuilder html) {
        switch (outcome) {
            case Returned r -> {
                html.append("<div class=\"ggen-outcome ggen-returned\" id=\"ggen-outcome\">\n<p><strong>Returned</strong> ")
                    .append(r.json() ? "(JSON)" : "(a string)").append(" in ").append(forHtml(micros(r.micros())))
                    .append(" through <code>").append(forHtml(r.bridge())).append("</code>")
                    .append(form.isolated() ? " <span id=\"ggen-isolated-note\">in an isolate</span>" : "")
                    .append(form.pure() ? " <span id=\"ggen-pure-note\">(declared pure: the cache may have answered)</span>" : "")
                    .append("</p>\n<pre id=\"ggen-result\">")
                    .append(forHtml(r.text())).append("</pre>\n</div>\n");
            }
            case Failed f -> {
                html.append("<div class=\"ggen-outcome ggen-failed\" id=\"ggen-outcome\">\n<p><strong id=\"ggen-error-kind\">")
                    .append(forHtml(f.kind())).append("</strong></p>\n<pre id=\"ggen-error-message\">")
                    .append(forHtml(f.message())).append("</pre>\n");
                if (f.foreignType() != null && !f.foreignType().isEmpty()) {
                    html.append("<p>Foreign type: <code id=\"ggen-foreign-type\">").append(forHtml(f.foreignType()))
                        .append("</code></p>\n");
                }
                if (!f.frames().isEmpty()) {
                    html.append("<p>Foreign stack, innermost first:</p>\n<ol id=\"ggen-frames\">\n");
                    for (ForeignFrame frame : f.frames()) {
                        html.append("<li><code>").append(forHtml(frame(frame))).append("</code></li>\n");
                    }
                    html.append("</ol>\n");
                }
                html.append("</div>\n");
            }
        }
    }

    /** {@code name (file.js:2:23)}. */
    static String frame(ForeignFrame frame) {
        String where = frame.source() == null ? "unknown source" : frame.source();
        if (frame.line() > 0) {
            where += ":" + frame.line() + (frame.column() > 0 ? ":" + frame.column() : "");
        }
        return frame.function() + " (" + where + ")";
    }

    private static String micros(long micros) {
        return micros < 1_000 ? micros + " µs" : String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
