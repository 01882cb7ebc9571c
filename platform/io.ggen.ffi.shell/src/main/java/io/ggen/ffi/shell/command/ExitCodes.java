package io.ggen.ffi.shell.command;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;

/** The exit codes of {@code ggen}, one per kind of failure. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The foreign code failed: it threw, or does not compile. */
    public static final int FOREIGN_ERROR = 1;
    /** Bad input: usage, unknown language, missing function, a value that does not convert. */
    public static final int USAGE = 2;
    /**
     * A command that manages the running container ({@code status}, {@code deploy}, {@code undeploy},
     * {@code stop}, {@code metrics}, {@code cache}) ran without one.
     *
     * @since 1.1
     */
    public static final int NO_CONTAINER = 3;
    /** The call ran past its timeout (as the {@code timeout} command does). */
    public static final int TIMEOUT = 124;

    public static final String DESCRIPTION = """
        Exit codes:
          0    success
          1    the foreign code failed (threw, or does not compile)
          2    bad input: usage, unknown language or bridge, missing function, unconvertible value
          3    no container runs (for status, deploy, undeploy, stop, metrics, cache, inspect)
          124  the call ran past --timeout""";

    private ExitCodes() {
    }

    public static int of(ForeignException e) {
        if (e instanceof ForeignTimeoutException) {
            return TIMEOUT;
        }
        if (e instanceof BridgeUnavailableException || e instanceof NoSuchFunctionException
            || e instanceof ForeignArgumentException) {
            return USAGE;
        }
        return FOREIGN_ERROR;
    }

    /**
     * Makes a command line report failures as {@code ggen} does: an exception the command throws is
     * one {@code error:} line and {@link #FOREIGN_ERROR}; bad usage is an {@code error:} line, a
     * pointer to the command's {@code --help} and {@link #USAGE}.
     *
     * @return the command line
     */
    public static CommandLine reportErrors(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return FOREIGN_ERROR;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName().toLowerCase(Locale.ROOT)
                + " --help'");
            return USAGE;
        });
        return commandLine;
    }
}
