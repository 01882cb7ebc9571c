package io.ggen.ffi.api;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

/**
 * The one exception family of the platform: something went wrong in or on the way to a foreign
 * call. It carries the language, the foreign error's type and message, and the foreign stack
 * frames, which also stand at the top of the Java stack trace (their class is {@code <language>}).
 *
 * <p>Subclasses name the kinds a caller may want to handle apart: {@link ForeignTimeoutException},
 * {@link ForeignCancellationException}, {@link BridgeUnavailableException},
 * {@link NoSuchFunctionException} and {@link ForeignArgumentException}.
 */
public class ForeignException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String language;
    private final String foreignType;
    private final String foreignMessage;
    private final List<ForeignFrame> foreignFrames;

    /**
     * @param language the language the error comes from
     * @param foreignType the foreign error's type, e.g. {@code TypeError}, {@code ValueError}
     * @param foreignMessage the foreign error's message
     * @param foreignFrames the foreign stack, innermost first
     * @param cause the underlying exception, or {@code null}
     */
    public ForeignException(String language, String foreignType, String foreignMessage,
                            List<ForeignFrame> foreignFrames, Throwable cause) {
        super(format(language, foreignType, foreignMessage), cause);
        this.language = language;
        this.foreignType = foreignType;
        this.foreignMessage = foreignMessage;
        this.foreignFrames = List.copyOf(foreignFrames);
        if (!this.foreignFrames.isEmpty()) {
            List<StackTraceElement> merged = new ArrayList<>();
            for (ForeignFrame frame : this.foreignFrames) {
                merged.add(frame.toStackTraceElement(language));
            }
            merged.addAll(List.of(getStackTrace()));
            setStackTrace(merged.toArray(StackTraceElement[]::new));
        }
    }

    public ForeignException(String language, String foreignType, String foreignMessage) {
        this(language, foreignType, foreignMessage, List.of(), null);
    }

    private static String format(String language, String type, String message) {
        return "[" + language + "] " + (type == null || type.isEmpty() ? "" : type + ": ") + message;
    }

    /** The language the error comes from. */
    public String language() {
        return language;
    }

    /** The foreign error's type, e.g. {@code TypeError}. */
    public String foreignType() {
        return foreignType;
    }

    /** The foreign error's message, without language or type. */
    public String foreignMessage() {
        return foreignMessage;
    }

    /** The foreign stack, innermost frame first; empty when the language gave none. */
    public List<ForeignFrame> foreignFrames() {
        return foreignFrames;
    }
}
