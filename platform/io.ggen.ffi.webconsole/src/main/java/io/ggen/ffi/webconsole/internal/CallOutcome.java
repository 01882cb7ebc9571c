package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.ForeignFrame;
import java.util.List;

/** How a call from the form ended: a value, or an error to show. */
sealed interface CallOutcome {

    /**
     * The call returned.
     *
     * @param bridge the bridge that ran it
     * @param text the value: a string as it is, anything else as JSON
     * @param json whether {@code text} is JSON
     * @param micros how long the call took, in microseconds
     */
    record Returned(String bridge, String text, boolean json, long micros) implements CallOutcome {
    }

    /**
     * The call did not happen or failed.
     *
     * @param kind what kind of failure, in a few words: {@code Bad input}, {@code Timed out}, {@code Foreign error}...
     * @param message one line that says what went wrong
     * @param foreignType the foreign error's type, e.g. {@code TypeError}, or {@code null}
     * @param frames the foreign stack, innermost first
     */
    record Failed(String kind, String message, String foreignType, List<ForeignFrame> frames) implements CallOutcome {

        public Failed {
            frames = List.copyOf(frames);
        }

        /** A failure without a foreign error: bad input, mostly. */
        static Failed of(String kind, String message) {
            return new Failed(kind, message, null, List.of());
        }
    }
}
