package io.ggen.ffi.bridge.rpc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into program and arguments as a POSIX shell does, without starting one:
 * words are separated by whitespace; {@code '...'} keeps everything literally; {@code "..."}
 * keeps everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}, which drop their
 * backslash; outside quotes a backslash keeps the next character literally. No variables, globs,
 * pipes or redirections: those characters are plain text.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * @throws IllegalArgumentException an unterminated quote or a trailing backslash, or no words
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in the command line: " + line);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("a backslash ends the command line: " + line);
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the command line is empty");
        }
        return List.copyOf(words);
    }

    /** Reads a double-quoted part from just after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int start, StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated \" in the command line: " + line);
    }

    /** The words joined back for messages, quoting those that need it. */
    static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            boolean plain = !w.isEmpty() && w.chars().noneMatch(ch -> Character.isWhitespace(ch) || "'\"\\$`".indexOf(ch) >= 0);
            line.append(plain ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
