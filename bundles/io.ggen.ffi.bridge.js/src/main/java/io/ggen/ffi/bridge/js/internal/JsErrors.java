package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Turns {@link PolyglotException}s into the platform's {@link ForeignException}s: the JavaScript
 * error's {@code name} as the foreign type, its {@code message}, and the JavaScript stack frames.
 *
 * <p>Call {@link #toForeign} while still holding the context the exception came from: reading the
 * error's {@code name} and {@code message} runs in that context.
 */
final class JsErrors {

    /** The platform's language id. */
    static final String LANGUAGE = "javascript";

    /** GraalJS's language id. */
    static final String LANGUAGE_ID = "js";

    private JsErrors() {
    }

    /**
     * @param e what GraalJS threw
     * @param what the work that failed, for messages, e.g. {@code "the call to render"}
     * @param closing whether the module or bridge is closing (a cancelled call then says so)
     */
    static ForeignException toForeign(PolyglotException e, String what, boolean closing) {
        if (closing && (e.isCancelled() || e.isInterrupted())) {
            return closed(what, e);
        }
        if (e.isResourceExhausted()) {
            return new ForeignException(LANGUAGE, "ResourceExhausted", e.getMessage()
                + " (the bridge's statement.limit; the context is replaced)", frames(e), e);
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return new ForeignCancellationException(LANGUAGE, what + " was stopped: it timed out or was cancelled", e);
        }
        if (e.isSyntaxError()) {
            return new ForeignException(LANGUAGE, "SyntaxError", stripPrefix(e.getMessage(), "SyntaxError: "),
                syntaxFrames(e), e);
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            return new ForeignException(LANGUAGE, "HostException", host.toString(), frames(e), host);
        }
        if (e.isGuestException()) {
            return guestError(e);
        }
        if (e.isExit()) {
            return new ForeignException(LANGUAGE, "Exit", "JavaScript exited with status " + e.getExitStatus(),
                frames(e), e);
        }
        return new ForeignException(LANGUAGE, "InternalError", String.valueOf(e.getMessage()), frames(e), e);
    }

    /** The module or bridge was closed under a call. */
    static BridgeUnavailableException closed(String what, Throwable cause) {
        return new BridgeUnavailableException(LANGUAGE, what + " failed: the JavaScript module was closed"
            + " (closed by its owner, or the graaljs bridge stopped); load the module again", cause);
    }

    /** The context refused the work (closed under the call, or used wrongly): {@link #closed} when closing. */
    static ForeignException unusable(IllegalStateException e, String what, boolean closing) {
        if (closing) {
            return closed(what, e);
        }
        return new ForeignException(LANGUAGE, "InternalError", what + " failed: " + e.getMessage(), List.of(), e);
    }

    /** Whether the context is unusable after this exception and must be replaced. */
    static boolean breaksContext(PolyglotException e) {
        return e.isCancelled() || e.isResourceExhausted() || e.isExit() || e.isInternalError();
    }

    private static ForeignException guestError(PolyglotException e) {
        Value guest = e.getGuestObject();
        String type = "Error";
        String message = e.getMessage();
        try {
            if (guest == null || guest.isNull()) {
                type = guest == null ? "Error" : "undefined";
            } else if (guest.isString()) {
                type = "string";
            } else if (guest.isNumber()) {
                type = "number";
            } else if (guest.isBoolean()) {
                type = "boolean";
            } else if (guest.hasMembers()) {
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
        } catch (PolyglotException | UnsupportedOperationException | IllegalStateException ignored) {
            // A getter threw or the context went away: keep the exception's own message and type "Error".
        }
        return new ForeignException(LANGUAGE, type, message == null ? "" : message, frames(e), e);
    }

    private static List<ForeignFrame> frames(PolyglotException e) {
        List<ForeignFrame> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame()) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            String source = at == null ? null : at.getSource().getName();
            if (PooledContext.HELPERS_NAME.equals(source)) {
                continue;
            }
            frames.add(new ForeignFrame(frame.getRootName(), source,
                at == null ? -1 : at.getStartLine(), at == null ? -1 : at.getStartColumn()));
        }
        return frames;
    }

    private static List<ForeignFrame> syntaxFrames(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (at == null) {
            return frames(e);
        }
        return List.of(new ForeignFrame(":program", at.getSource().getName(), at.getStartLine(), at.getStartColumn()));
    }

    private static String stripPrefix(String message, String prefix) {
        if (message == null) {
            return "";
        }
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
