package io.ggen.ffi.batch.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import java.time.Duration;
import java.util.Map;

/**
 * How calls to one function are gathered: for at most {@code window} after the first, or until
 * {@code maxSize} calls are waiting, whichever comes first.
 */
record BatchSettings(Duration window, int maxSize) {

    /** Call option attribute: gather calls for this many milliseconds (turns micro-batching on). */
    static final String WINDOW = CallOptions.BATCH_WINDOW;
    /** Call option attribute: send a batch at once when it holds this many calls; default 64. */
    static final String MAX_SIZE = "batch.max.size";
    static final int DEFAULT_MAX_SIZE = 64;

    BatchSettings {
        if (window.isNegative()) {
            throw new IllegalArgumentException("a batch window must be 0 ms or more, not " + window.toMillis() + " ms");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("a batch must hold 1 call or more, not " + maxSize);
        }
    }

    /** The settings the options ask for, or null when they do not ask for micro-batching. */
    static BatchSettings of(CallOptions options, String language) {
        Map<String, String> attributes = options.attributes();
        String window = attributes.get(WINDOW);
        if (window == null) {
            return null;
        }
        String max = attributes.get(MAX_SIZE);
        try {
            return new BatchSettings(Duration.ofMillis(Long.parseLong(window.strip())),
                max == null ? DEFAULT_MAX_SIZE : Integer.parseInt(max.strip()));
        } catch (IllegalArgumentException e) {
            throw new ForeignArgumentException(language, "bad micro-batching options " + WINDOW + "=" + window
                + ", " + MAX_SIZE + "=" + max + ": " + e.getMessage()
                + " (give whole numbers: milliseconds, and calls per batch)", e);
        }
    }
}
