package io.ggen.ffi.api;

import java.io.Serial;
import java.util.List;

/** A call was cancelled before it completed; the bridge stopped the foreign work where its runtime allows it. */
public class ForeignCancellationException extends ForeignException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ForeignCancellationException(String language, String message) {
        super(language, "Cancelled", message, List.of(), null);
    }

    public ForeignCancellationException(String language, String message, Throwable cause) {
        super(language, "Cancelled", message, List.of(), cause);
    }
}
