package io.ggen.ffi.bridge.rpc.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** The byte streams to one worker session: a child process's stdin/stdout, or a TCP connection. */
interface WorkerTransport {

    /** What the worker writes: frames. */
    InputStream input();

    /** What the worker reads: frames. */
    OutputStream output();

    /** How the session ended, e.g. {@code exited with status 2}, waiting up to {@code wait}; empty when still open. */
    Optional<String> ending(Duration wait);

    /**
     * The foreign type of the calls that failed because the session ended: {@code WorkerFailure},
     * or for an isolate what ended it ({@code SIGSEGV}, {@code exit 3}...).
     */
    default String failureType() {
        return RpcErrors.WORKER_FAILURE;
    }

    /** The last lines the worker wrote to stderr, for messages; empty when none (or TCP). */
    String recentStderr();

    /**
     * Notes the processes the worker runs now, so that {@link #terminate} finds those that its
     * main process leaves behind when it exits first (a {@code go run} child). No-op for TCP.
     */
    default void rememberTree() {
    }

    /**
     * Ends the session for good: closes the streams and kills the child's whole process tree
     * (politely first, forcibly after {@code grace}). Idempotent.
     */
    void terminate(Duration grace);
}
