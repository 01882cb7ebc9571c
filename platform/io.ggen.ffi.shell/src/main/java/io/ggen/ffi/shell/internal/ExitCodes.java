package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.NoSuchFunctionException;

/** The exit codes of {@code ggen}, one per kind of failure. */
final class ExitCodes {

    static final int OK = 0;
    /** The foreign code failed: it threw, or does not compile. */
    static final int FOREIGN_ERROR = 1;
    /** Bad input: usage, unknown language, missing function, a value that does not convert. */
    static final int USAGE = 2;
    /** The call ran past its timeout (as the {@code timeout} command does). */
    static final int TIMEOUT = 124;

    static final String DESCRIPTION = """
        Exit codes:
          0    success
          1    the foreign code failed (threw, or does not compile)
          2    bad input: usage, unknown language or bridge, missing function, unconvertible value
          124  the call ran past --timeout""";

    private ExitCodes() {
    }

    static int of(ForeignException e) {
        if (e instanceof ForeignTimeoutException) {
            return TIMEOUT;
        }
        if (e instanceof BridgeUnavailableException || e instanceof NoSuchFunctionException
            || e instanceof ForeignArgumentException) {
            return USAGE;
        }
        return FOREIGN_ERROR;
    }
}
