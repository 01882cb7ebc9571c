package io.ggen.ffi.launcher;

/** Ends the launcher with {@link #exitCode()} after printing the message, one line, on stderr. */
final class LauncherException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    LauncherException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    LauncherException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
