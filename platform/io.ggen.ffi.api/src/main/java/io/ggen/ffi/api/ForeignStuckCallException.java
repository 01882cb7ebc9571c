package io.ggen.ffi.api;

import java.io.Serial;

/**
 * A call ran past its timeout and its bridge could not stop it: the caller was given this at the
 * deadline plus the grace, while the bridge's thread goes on running the foreign code (a thread
 * in the platform's JVM cannot be killed). Metrics count such calls as {@code stuck}. Load the
 * module isolated ({@link ModuleSpec#isolated()}) to have such calls killed for good.
 */
public class ForeignStuckCallException extends ForeignTimeoutException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ForeignStuckCallException(String language, String message) {
        super(language, message);
    }
}
