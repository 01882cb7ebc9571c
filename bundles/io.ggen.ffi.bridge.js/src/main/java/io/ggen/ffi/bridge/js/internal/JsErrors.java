package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.polyglot.GuestErrorReader.GuestError;
import io.ggen.ffi.polyglot.GuestLanguage;
import io.ggen.ffi.polyglot.PolyglotErrors;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Turns {@link PolyglotException}s into the platform's {@link ForeignException}s through the shared
 * {@link PolyglotErrors}; what is JavaScript's own is how an error names its type and message: a
 * thrown {@code Error}'s {@code name} and {@code message}, or the type of a thrown primitive.
 *
 * <p>Call {@link #toForeign} while still holding the context the exception came from: reading the
 * error's {@code name} and {@code message} runs in that context.
 */
final class JsErrors {

    /** The platform's language id. */
    static final String LANGUAGE = "javascript";

    /** GraalJS's language id. */
    static final String LANGUAGE_ID = "js";

    /** The names of the language. */
    static final GuestLanguage GUEST = new GuestLanguage(LANGUAGE, LANGUAGE_ID, "JavaScript", "graaljs");

    static final PolyglotErrors ERRORS = new PolyglotErrors(GUEST, JsErrors::read,
        JsContext.HELPERS_NAME::equals);

    private JsErrors() {
    }

    /**
     * @param e what GraalJS threw
     * @param what the work that failed, for messages, e.g. {@code "the call to render"}
     * @param closing whether the module or bridge is closing (a cancelled call then says so)
     */
    static ForeignException toForeign(PolyglotException e, String what, boolean closing) {
        return ERRORS.toForeign(e, what, closing);
    }

    private static GuestError read(PolyglotException e, Value guest) {
        String message = e.getMessage();
        if (guest == null) {
            return new GuestError("Error", message);
        }
        if (guest.isNull()) {
            return new GuestError("undefined", message);
        }
        if (guest.isString()) {
            return new GuestError("string", message);
        }
        if (guest.isNumber()) {
            return new GuestError("number", message);
        }
        if (guest.isBoolean()) {
            return new GuestError("boolean", message);
        }
        String type = "Error";
        if (guest.hasMembers()) {
            Value name = guest.getMember("name");
            Value text = guest.getMember("message");
            if (name != null && name.isString()) {
                type = name.asString();
            } else if (guest.getMetaObject() != null) {
                type = guest.getMetaObject().getMetaSimpleName();
            }
            if (text != null && text.isString()) {
                message = text.asString();
            }
        }
        return new GuestError(type, message);
    }
}
