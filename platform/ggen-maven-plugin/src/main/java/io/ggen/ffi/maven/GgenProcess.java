package io.ggen.ffi.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code bin/ggen} of a distribution as a child process: its stdout and stderr go line by line to the caller
 * (the Maven log) while it runs; the last lines of stderr are kept for the message of a failed run.
 *
 * @param home    the distribution folder
 * @param timeout how long a run may take before it is killed with what it started
 */
record GgenProcess(Path home, Duration timeout) {

    /** How many lines of stderr a failure message repeats. */
    static final int STDERR_TAIL = 40;
    /** How long a killed process and its descendants are waited for. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** How a run ended. */
    record Result(int exitCode, List<String> stderrTail) {
    }

    /**
     * The distribution folder, checked to hold an executable {@code bin/ggen}.
     *
     * @throws IllegalArgumentException with what to fix
     */
    static GgenProcess in(Path home, Duration timeout) {
        if (!Files.isExecutable(home.resolve("bin/ggen"))) {
            throw new IllegalArgumentException(home + " is not a GGen FFI distribution: it has no executable bin/ggen"
                + " (set <ggenHome> to the folder of an unpacked ggen-ffi distribution, or leave it out)");
        }
        return new GgenProcess(home, timeout);
    }

    /**
     * Runs {@code bin/ggen args} in {@code workDir} to its end. The JDK that runs Maven runs the platform too
     * ({@code JAVA_HOME}): this plugin needs a JDK 25, as the platform does.
     *
     * @throws IOException when the process cannot start or outlives the timeout (it is killed then)
     */
    Result run(Path workDir, List<String> args, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ggen").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        Thread out = pump(process.getInputStream(), stdout, "ggen-stdout");
        Thread err = pump(process.getErrorStream(), line -> {
            synchronized (tail) {
                if (tail.size() == STDERR_TAIL) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
            stderr.accept(line);
        }, "ggen-stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("ggen " + String.join(" ", args) + " did not finish in " + timeout.toSeconds()
                    + " s and was stopped (a longer <timeout> in seconds, if it needs more)");
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        synchronized (tail) {
            return new Result(process.exitValue(), List.copyOf(tail));
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> lines, String name) {
        return Thread.ofVirtual().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the stream breaks when the process is killed; what it printed so far has been passed on
                lines.accept("(" + name + " ended: " + e.getMessage() + ")");
            }
        });
    }

    /** Kills the process and what it started (the platform's JVM, isolates, workers) and waits for their end, bounded. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what outlives destroyForcibly is beyond this plugin: the caller fails the build and says why
        }
    }
}
