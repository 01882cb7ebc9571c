package io.ggen.ffi.api;

import java.io.Serial;
import java.util.List;

/** Bad input: a value that cannot be converted, a wrong number of arguments, an unusable option. Nothing foreign ran. */
public class ForeignArgumentException extends ForeignException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ForeignArgumentException(String language, String message) {
        super(language, "BadArgument", message, List.of(), null);
    }

    public ForeignArgumentException(String language, String message, Throwable cause) {
        super(language, "BadArgument", message, List.of(), cause);
    }
}
