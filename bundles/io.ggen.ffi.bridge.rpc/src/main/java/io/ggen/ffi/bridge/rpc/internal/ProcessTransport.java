package io.ggen.ffi.bridge.rpc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.log.Logger;

/**
 * A worker child process: frames over its stdin and stdout; its stderr lines go to the platform
 * log, prefixed with the worker's name, and the last few are kept for error messages.
 */
final class ProcessTransport implements WorkerTransport {

    /** The environment variable the SDKs read for their frame limit. */
    static final String MAX_FRAME_ENV = "GGEN_WORKER_MAX_FRAME_BYTES";

    private static final int KEPT_LINES = 12;

    /** What the isolate's environment keeps of the platform's (an isolate gets a minimal environment). */
    private static final List<String> ISOLATE_ENVIRONMENT = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ",
        "TMPDIR", "LD_LIBRARY_PATH");

    private final Process process;
    private final String name;
    private final IsolateSettings isolate;
    /** How the isolate ended, once known. */
    private IsolateCrash crash;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final Thread stderrPump;
    private volatile List<ProcessHandle> rememberedTree = List.of();

    private ProcessTransport(Process process, String name, IsolateSettings isolate, Logger logger) {
        this.process = process;
        this.name = name;
        this.isolate = isolate;
        this.stderrPump = Thread.ofPlatform().daemon().name("ggen-rpc stderr " + name).start(() -> pump(logger));
    }

    /**
     * Starts the worker's command.
     *
     * @throws IOException the program cannot be started (not found, not executable)
     */
    static ProcessTransport start(WorkerSettings settings, Logger logger) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(settings.command());
        if (settings.workingDir() != null) {
            builder.directory(settings.workingDir().toFile());
        }
        if (settings.isolate() != null) {
            builder.environment().keySet().retainAll(ISOLATE_ENVIRONMENT);
        }
        builder.environment().putIfAbsent(MAX_FRAME_ENV, Integer.toString(settings.maxMessageSize()));
        builder.environment().putAll(settings.environment());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        logger.debug("Started worker '{}' as process {}: {}", settings.name(), process.pid(),
            settings.describeTarget());
        return new ProcessTransport(process, settings.name(), settings.isolate(), logger);
    }

    private void pump(Logger logger) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
                logger.info("[{}] {}", name, line);
            }
        } catch (IOException e) {
            // the process is gone and its pipe closed under the reader: nothing more to mirror
            logger.debug("Stopped reading the stderr of worker '{}': {}", name, e.toString());
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public InputStream input() {
        return process.getInputStream();
    }

    @Override
    public OutputStream output() {
        return process.getOutputStream();
    }

    @Override
    public Optional<String> ending(Duration wait) {
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(isolate == null ? status(process.exitValue()) : crash().description());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static String status(int exit) {
        return switch (exit) {
            case 137 -> "was killed (status 137, SIGKILL)";
            case 143 -> "was terminated (status 143, SIGTERM)";
            default -> "exited with status " + exit;
        };
    }

    /** An isolate's end, named once (its crash report is read and rotated once); only after the process ended. */
    private synchronized IsolateCrash crash() {
        if (crash != null) {
            return crash;
        }
        awaitStderr();
        List<String> lines;
        synchronized (lastLines) {
            lines = List.copyOf(lastLines);
        }
        crash = IsolateCrash.of(process.pid(), process.exitValue(), isolate, lines);
        return crash;
    }

    @Override
    public String failureType() {
        return isolate != null && !process.isAlive() ? crash().type() : RpcErrors.WORKER_FAILURE;
    }

    private void awaitStderr() {
        try {
            if (!process.isAlive()) {
                stderrPump.join(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String recentStderr() {
        awaitStderr();   // the pump may still be reading what the process wrote just before it ended
        synchronized (lastLines) {
            return String.join(" | ", lastLines);
        }
    }

    /** Waits for the process to exit on its own, up to {@code wait}. */
    boolean awaitExit(Duration wait) {
        return ending(wait).isPresent();
    }

    @Override
    public void rememberTree() {
        rememberedTree = ProcessTrees.snapshot(process.toHandle());
    }

    @Override
    public void terminate(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(ProcessTrees.snapshot(process.toHandle()));
        rememberedTree.stream().filter(p -> !tree.contains(p)).forEach(tree::add);
        if (!terminated.compareAndSet(false, true)) {
            ProcessTrees.kill(tree, grace);
            return;
        }
        // EOF on its input lets the worker end by itself within the grace; closed on the side, since a
        // close waits for a write that a worker which stopped reading has blocked
        Thread.ofVirtual().start(() -> closeQuietly(process.getOutputStream()));
        ProcessTrees.kill(tree, grace);
        closeQuietly(process.getInputStream());
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) {
            // a pipe to a dead process may fail to flush on close; it is closed either way
        }
    }

    @Override
    public String toString() {
        return "process " + process.pid();
    }
}
