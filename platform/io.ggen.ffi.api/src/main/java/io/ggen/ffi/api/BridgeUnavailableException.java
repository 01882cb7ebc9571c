package io.ggen.ffi.api;

import java.io.Serial;
import java.util.List;

/** No bridge serves the language or name asked for, or the bridge went away during the call. */
public class BridgeUnavailableException extends ForeignException {

    @Serial
    private static final long serialVersionUID = 1L;

    public BridgeUnavailableException(String language, String message) {
        super(language, "NoBridge", message, List.of(), null);
    }

    public BridgeUnavailableException(String language, String message, Throwable cause) {
        super(language, "NoBridge", message, List.of(), cause);
    }
}
