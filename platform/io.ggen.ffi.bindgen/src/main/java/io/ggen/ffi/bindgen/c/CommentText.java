package io.ggen.ffi.bindgen.c;

import java.util.ArrayList;
import java.util.List;

/** A C comment's text as clang gives it, tidied for Javadoc: common indentation and decoration removed. */
final class CommentText {

    private static final java.util.regex.Pattern STARRED = java.util.regex.Pattern.compile("^\\s*\\*+(?=\\s|$)");

    private CommentText() {
    }

    static String tidy(String raw) {
        List<String> lines = new ArrayList<>();
        for (String line : raw.split("\n", -1)) {
            String stripped = line.stripTrailing();
            // the '*' that starts each line of a boxed comment, and rulers of '*' or '-'
            if (stripped.strip().matches("[*=-]{3,}")) {
                continue;
            }
            lines.add(stripped);
        }
        // the stars that start every line of a comment written "** text" or " * text"
        if (lines.stream().filter(l -> !l.isBlank()).allMatch(l -> STARRED.matcher(l).lookingAt())) {
            lines.replaceAll(l -> STARRED.matcher(l).replaceFirst(""));
        }
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        StringBuilder text = new StringBuilder();
        boolean pendingBlank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                pendingBlank = !text.isEmpty();
                continue;
            }
            if (pendingBlank) {
                text.append('\n');
                pendingBlank = false;
            }
            text.append(line.substring(Math.min(indent, line.length() - line.stripLeading().length()))).append('\n');
        }
        return text.toString().strip();
    }
}
