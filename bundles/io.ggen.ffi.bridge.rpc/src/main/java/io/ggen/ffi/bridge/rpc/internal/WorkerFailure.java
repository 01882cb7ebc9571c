package io.ggen.ffi.bridge.rpc.internal;

import java.util.function.Supplier;

/**
 * A worker session ended under a request (the worker exited, broke the framing, was killed, or its
 * input cannot be written); the reason reads after the worker's name ({@code exited with status 3}).
 */
final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final transient Supplier<String> stderr;

    /**
     * @param type the foreign type of the calls it fails (see {@link WorkerTransport#failureType()})
     * @param stderr the worker's last stderr lines, read when a message needs them
     * @param cause what showed the end, if not the end itself; null when none
     */
    WorkerFailure(String reason, String type, Supplier<String> stderr, Throwable cause) {
        super(reason, cause, false, false);
        this.type = type;
        this.stderr = stderr;
    }

    String type() {
        return type;
    }

    /** The last lines the worker wrote to stderr; empty when none (or TCP). */
    String stderr() {
        return stderr.get();
    }

    /** What the calls it fails give as their cause: what showed the end, else this. */
    Throwable shownBy() {
        return getCause() != null ? getCause() : this;
    }
}
