package io.ggen.ffi.webconsole.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import java.util.Map;
import java.util.TreeMap;

/**
 * The small POST forms of the page's actions, inline in its tables: each carries the action's name,
 * its parameters and the console's token.
 *
 * @param action where the forms post to (the plugin's path)
 * @param token the token every POST must carry
 */
record Forms(String action, String token) {

    /** A form that is one button; its parameters go in the order of their names. */
    String button(String name, String label, Map<String, String> parameters) {
        return start(name, parameters) + submit(name, label) + "</form>";
    }

    /** A form with one text field before its button, filled with {@code value}. */
    String field(String name, String label, Map<String, String> parameters, String field, String value, String title) {
        return start(name, parameters) + "<input type=\"text\" class=\"ggen-mono\" size=\"5\" name=\"" + forHtmlAttribute(field)
            + "\" value=\"" + forHtmlAttribute(value) + "\" title=\"" + forHtmlAttribute(title) + "\"/> "
            + submit(name, label) + "</form>";
    }

    private String start(String name, Map<String, String> parameters) {
        StringBuilder form = new StringBuilder("<form class=\"ggen-action\" method=\"post\" accept-charset=\"UTF-8\" action=\"")
            .append(forHtmlAttribute(action)).append("\">");
        hidden(form, CallSection.TOKEN, token);
        hidden(form, Actions.ACTION, name);
        new TreeMap<>(parameters).forEach((key, value) -> hidden(form, key, value));
        return form.toString();
    }

    private static String submit(String name, String label) {
        return "<button type=\"submit\" class=\"ui-state-default ui-corner-all\" data-action=\"" + forHtmlAttribute(name)
            + "\">" + forHtml(label) + "</button>";
    }

    private static void hidden(StringBuilder form, String name, String value) {
        form.append("<input type=\"hidden\" name=\"").append(forHtmlAttribute(name)).append("\" value=\"")
            .append(forHtmlAttribute(value)).append("\"/>");
    }
}
