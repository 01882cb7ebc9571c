package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.polyglot.GuestErrorReader;
import io.ggen.ffi.polyglot.GuestHandle;
import io.ggen.ffi.polyglot.GuestLanguage;
import io.ggen.ffi.polyglot.PolyglotErrors;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Python's side of error mapping: the exception's class name as the foreign type, {@code str(e)}
 * as the message; frames of the bridge's helpers and of the frozen import machinery are left out.
 * The rest is the shared {@link PolyglotErrors}.
 */
final class PyErrors {

    /** The platform's language id. */
    static final String LANGUAGE = "python";

    /** GraalPy's language id. */
    static final String LANGUAGE_ID = "python";

    /** The names of the language. */
    static final GuestLanguage GUEST = new GuestLanguage(LANGUAGE, LANGUAGE_ID, "Python", "graalpy");

    /** The mapping every part of the bridge uses. */
    static final PolyglotErrors ERRORS = new PolyglotErrors(GUEST, new Reader(), PyErrors::hidden);

    private PyErrors() {
    }

    private static final int MAX_FRAMES = 200;

    private static boolean hidden(String source) {
        return PyContext.HELPERS_NAME.equals(source) || source.startsWith("<frozen ");
    }

    /** Shorthand for {@link PolyglotErrors#toForeign}. */
    static ForeignException toForeign(PolyglotException e, String what, boolean closing) {
        return ERRORS.toForeign(e, what, closing);
    }

    private static final class Reader implements GuestErrorReader {

        @Override
        public GuestError read(PolyglotException e, Value guest) {
            String type = guest == null ? "Exception" : GuestHandle.metaName(guest, "Exception");
            return new GuestError(type, stripType(type, e.getMessage()), guest == null ? null : traceback(guest));
        }

        /**
         * The frames of the exception's {@code __traceback__}, innermost first: the line that raised, where
         * the polyglot stack trace gives the function's first line. {@code null} when there is none.
         */
        private static List<ForeignFrame> traceback(Value exception) {
            Value tb = exception.hasMember("__traceback__") ? exception.getMember("__traceback__") : null;
            List<ForeignFrame> frames = new ArrayList<>();
            for (int depth = 0; tb != null && !tb.isNull() && depth < MAX_FRAMES; depth++) {
                Value code = tb.getMember("tb_frame").getMember("f_code");
                String file = code.getMember("co_filename").asString();
                if (!hidden(file)) {
                    frames.add(new ForeignFrame(code.getMember("co_name").asString(), file,
                        tb.getMember("tb_lineno").asInt(), -1));
                }
                tb = tb.getMember("tb_next");
            }
            return frames.isEmpty() ? null : frames.reversed();
        }

        @Override
        public String syntaxMessage(PolyglotException e) {
            return stripType("SyntaxError", e.getMessage());
        }

        /** GraalPy's messages read {@code "ValueError: bad value"}: the type is told apart already. */
        private static String stripType(String type, String message) {
            if (message == null) {
                return "";
            }
            String prefix = type + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }
}
