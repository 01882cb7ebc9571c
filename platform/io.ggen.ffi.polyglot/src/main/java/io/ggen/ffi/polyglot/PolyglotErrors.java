package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns {@link PolyglotException}s into the platform's {@link ForeignException}s: the guest error's
 * type and message (read by the language's {@link GuestErrorReader}) and its guest stack frames.
 *
 * <p>Call {@link #toForeign} while still holding the context the exception came from: reading the
 * error's type and message may run guest code in that context.
 */
@ProviderType
public final class PolyglotErrors {

    /** The language of the link for the Java code between two guests' frames. */
    private static final String JAVA = "java";

    private final GuestLanguage language;
    private final GuestErrorReader reader;
    private final Predicate<String> hiddenSources;

    /**
     * @param language the guest language
     * @param reader reads guest errors' type and message
     * @param hiddenSources source names whose frames are left out (the bridge's own helpers)
     */
    public PolyglotErrors(GuestLanguage language, GuestErrorReader reader, Predicate<String> hiddenSources) {
        this.language = language;
        this.reader = reader;
        this.hiddenSources = hiddenSources;
    }

    /** The guest language. */
    public GuestLanguage language() {
        return language;
    }

    /**
     * @param e what the guest threw
     * @param what the work that failed, for messages, e.g. {@code "the call to render"}
     * @param closing whether the module or bridge is closing (a cancelled call then says so)
     */
    public ForeignException toForeign(PolyglotException e, String what, boolean closing) {
        String lang = language.language();
        if (closing && (e.isCancelled() || e.isInterrupted())) {
            return closed(language, what, e);
        }
        if (e.isResourceExhausted()) {
            return new ForeignException(lang, "ResourceExhausted", exhausted(e, what), frames(e), e);
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return new ForeignCancellationException(lang, what + " was stopped: it timed out or was cancelled", e);
        }
        if (e.isSyntaxError()) {
            return new ForeignException(lang, "SyntaxError", reader.syntaxMessage(e), syntaxFrames(e), e);
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            return new ForeignException(lang, "HostException", host.toString(), frames(e), hostCause(e, host));
        }
        if (e.isExit()) {
            return new ForeignException(lang, "Exit", language.displayName() + " exited with status "
                + e.getExitStatus(), frames(e), e);
        }
        if (e.isGuestException()) {
            GuestErrorReader.GuestError error;
            try {
                error = reader.read(e, e.getGuestObject());
            } catch (PolyglotException | UnsupportedOperationException | IllegalStateException ignored) {
                // Reading the error ran guest code that threw, or the context went away: keep the exception's own.
                error = new GuestErrorReader.GuestError("Error", String.valueOf(e.getMessage()));
            }
            return new ForeignException(lang, error.type(), error.message() == null ? "" : error.message(),
                error.frames() == null ? frames(e) : error.frames(), e);
        }
        return new ForeignException(lang, "InternalError", String.valueOf(e.getMessage()), frames(e), e);
    }

    /**
     * Which resource ran out: GraalVM cancels a context past its statement limit with "Statement count
     * limit of N exceeded..."; any other exhaustion is the host's: an {@code OutOfMemoryError} in the
     * guest's code ("Java heap space"), in the heap the guest shares with the whole platform.
     */
    private String exhausted(PolyglotException e, String what) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Statement count limit")) {
            return message + " (the bridge's statement.limit; the context is replaced)";
        }
        return what + " ran out of the Java heap in the " + language.displayName() + " guest (" + message
            + "): the guest's objects live in the JVM's heap, shared with the whole platform; raise -Xmx, or give"
            + " the guest less data per call (the " + language.bridgeName() + " bridge's statement.limit bounds"
            + " only statements, not memory). The context is replaced";
    }

    /** The module or bridge was closed under a call. */
    public BridgeUnavailableException closed(String what, Throwable cause) {
        return closed(language, what, cause);
    }

    /** The module or bridge was closed under a call. */
    public static BridgeUnavailableException closed(GuestLanguage language, String what, Throwable cause) {
        return new BridgeUnavailableException(language.language(), what + " failed: the " + language.displayName()
            + " module was closed (closed by its owner, or the " + language.bridgeName() + " bridge stopped);"
            + " load the module again", cause);
    }

    /** The context refused the work (closed under the call, or used wrongly): {@link #closed} when closing. */
    public ForeignException unusable(IllegalStateException e, String what, boolean closing) {
        if (closing) {
            return closed(what, e);
        }
        return new ForeignException(language.language(), "InternalError", what + " failed: " + e.getMessage(),
            List.of(), e);
    }

    /** Whether the context is unusable after this exception and must be replaced. */
    public static boolean breaksContext(PolyglotException e) {
        return e.isCancelled() || e.isResourceExhausted() || e.isExit() || e.isInternalError();
    }

    /** The guest frames of the exception, innermost first, without hidden sources. */
    public List<ForeignFrame> frames(PolyglotException e) {
        List<ForeignFrame> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame()) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            String source = at == null ? null : at.getSource().getName();
            if (source != null && hiddenSources.test(source)) {
                continue;
            }
            frames.add(new ForeignFrame(frame.getRootName(), source,
                at == null ? -1 : at.getStartLine(), at == null ? -1 : at.getStartColumn()));
        }
        return frames;
    }

    /**
     * What the guest's error of a host exception is caused by: the host exception itself, whose stack
     * trace starts with the Java code the guest called; or, when that code let another language's
     * {@link ForeignException} through, a {@code java} link in between that holds the Java frames the
     * guest called (innermost first), so that the chain reads in call order: this guest's frames, the
     * Java code's, the other language's.
     */
    private static Throwable hostCause(PolyglotException e, Throwable host) {
        if (!(host instanceof ForeignException foreign)) {
            return host;
        }
        List<StackTraceElement> java = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                break;
            }
            StackTraceElement element = frame.toHostFrame();
            if (!element.getClassName().startsWith("<")) {   // the other language's frames stay in its link
                java.add(element);
            }
        }
        ForeignException link = new ForeignException(JAVA, foreign.getClass().getSimpleName(),
            foreign.getMessage(), List.of(), foreign);
        link.setStackTrace(java.toArray(StackTraceElement[]::new));
        return link;
    }

    private List<ForeignFrame> syntaxFrames(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (at == null) {
            return frames(e);
        }
        return List.of(new ForeignFrame(":program", at.getSource().getName(), at.getStartLine(), at.getStartColumn()));
    }
}
