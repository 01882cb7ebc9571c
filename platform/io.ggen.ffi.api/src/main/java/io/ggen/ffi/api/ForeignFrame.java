package io.ggen.ffi.api;

/**
 * One frame of a foreign stack: the function, and where in the foreign source it stood.
 *
 * @param function the function name, or {@code "<unknown>"}
 * @param source the file or source name, or {@code null} when unknown
 * @param line the 1-based line, or -1 when unknown
 * @param column the 1-based column, or -1 when unknown
 */
public record ForeignFrame(String function, String source, int line, int column) {

    public ForeignFrame {
        function = function == null || function.isEmpty() ? "<unknown>" : function;
    }

    /** This frame as a Java stack trace element whose class names the language, e.g. {@code <js>}. */
    public StackTraceElement toStackTraceElement(String language) {
        return new StackTraceElement("<" + language + ">", function, source, line);
    }

    @Override
    public String toString() {
        String where = source == null ? "unknown source" : line > 0 ? source + ":" + line : source;
        return function + " (" + where + ")";
    }
}
