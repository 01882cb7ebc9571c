package io.ggen.ffi.bridge.js.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parameter names from a JavaScript function's source text, when its parameter list is plain names. */
final class JsParameters {

    /** {@code function f(a, b)}, {@code async function* g(a)}, {@code (a, ...rest) =>}: the text between the parentheses. */
    private static final Pattern PLAIN = Pattern.compile(
        "^\\s*(?:async\\s+)?(?:function\\s*\\*?\\s*[\\w$]*\\s*)?\\(([\\w$\\s,.]*)\\)");
    /** {@code a => ...}. */
    private static final Pattern BARE = Pattern.compile("^\\s*(?:async\\s+)?([A-Za-z_$][\\w$]*)\\s*=>");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    private JsParameters() {
    }

    /**
     * The names of the parameters before a rest parameter.
     *
     * @return the names, or null when the list is not plain names (defaults, destructuring, comments)
     *     or the source is not a function's (a built-in's {@code [native code]} gives an empty list)
     */
    static List<String> names(String source) {
        Matcher bare = BARE.matcher(source);
        if (bare.find()) {
            return List.of(bare.group(1));
        }
        Matcher plain = PLAIN.matcher(source);
        if (!plain.find()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (!plain.group(1).isBlank()) {
            for (String name : plain.group(1).split(",", -1)) {
                names.add(name.strip());
            }
        }
        if (!names.isEmpty() && names.getLast().startsWith("...")) {
            names.removeLast();
        }
        return names.stream().allMatch(name -> IDENTIFIER.matcher(name).matches()) ? names : null;
    }
}
