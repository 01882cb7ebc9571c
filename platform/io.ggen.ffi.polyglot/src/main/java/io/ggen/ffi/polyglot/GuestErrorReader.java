package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignFrame;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a guest exception's type and message the way its language names them (JavaScript's
 * {@code name} and {@code message}, Python's exception class and {@code str(e)}). Called while the
 * caller still holds the context the exception came from.
 */
@FunctionalInterface
@ConsumerType
public interface GuestErrorReader {

    /**
     * A guest error's type and message, and its frames when the language knows them better than the
     * polyglot stack trace does.
     *
     * @param frames innermost first, or {@code null} for the polyglot stack trace's guest frames
     */
    record GuestError(String type, String message, List<ForeignFrame> frames) {

        /** With the polyglot stack trace's frames. */
        public GuestError(String type, String message) {
            this(type, message, null);
        }
    }

    /**
     * @param e the exception, {@link PolyglotException#isGuestException()}
     * @param guest its guest object, or {@code null}
     * @return the type and message; never {@code null}
     */
    GuestError read(PolyglotException e, Value guest);

    /** The message of a syntax error, e.g. without a {@code "SyntaxError: "} prefix. */
    default String syntaxMessage(PolyglotException e) {
        String message = e.getMessage();
        if (message == null) {
            return "";
        }
        return message.startsWith("SyntaxError: ") ? message.substring("SyntaxError: ".length()) : message;
    }
}
