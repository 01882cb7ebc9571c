package io.ggen.ffi.api;

import java.io.Serial;
import java.util.List;

/** The module has no function of that name. */
public class NoSuchFunctionException extends ForeignException {

    @Serial
    private static final long serialVersionUID = 1L;

    public NoSuchFunctionException(String language, String message) {
        super(language, "NoSuchFunction", message, List.of(), null);
    }

    public NoSuchFunctionException(String language, String message, Throwable cause) {
        super(language, "NoSuchFunction", message, List.of(), cause);
    }
}
