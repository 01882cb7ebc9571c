package io.ggen.ffi.api;

import java.io.Serial;
import java.util.List;

/** A call ran past its timeout; the bridge stopped the foreign work where its runtime allows it. */
public class ForeignTimeoutException extends ForeignException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ForeignTimeoutException(String language, String message) {
        super(language, "Timeout", message, List.of(), null);
    }

    public ForeignTimeoutException(String language, String message, Throwable cause) {
        super(language, "Timeout", message, List.of(), cause);
    }
}
