package io.ggen.ffi.disttests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code bin/ggen start} as a child process driven through its Gogo shell: commands go to its stdin, and a
 * reader thread collects its output (stdout and stderr together, in the order written). A command's output is
 * complete when the {@code echo __MARK_n__} sent after it comes back.
 */
final class GgenContainer implements AutoCloseable {

    private static final Pattern PROMPTS = Pattern.compile("^(g! )+");
    private static final int TAIL = 40;

    private final Process process;
    private final OutputStream stdin;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread reader;
    private int marks;

    private GgenContainer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = Thread.ofPlatform().daemon().name("ggen-start-output").start(this::readOutput);
    }

    /**
     * Starts {@code home}/bin/ggen start with {@code args} and returns once it has printed
     * {@code GGen FFI started}; fails (and kills it) when it exits before or takes longer than {@code timeout}.
     */
    static GgenContainer start(Path home, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("start"));
        arguments.addAll(List.of(args));
        ProcessBuilder builder = Distribution.ggen(home, home, arguments).redirectErrorStream(true);
        GgenContainer container = new GgenContainer(builder.start());
        try {
            container.awaitLine(line -> line.startsWith("GGen FFI started in "), 0, timeout);
        } catch (AssertionError | InterruptedException e) {
            container.close();
            throw e;
        }
        return container;
    }

    Process process() {
        return process;
    }

    /** Every line printed so far, Gogo prompts removed. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** A command sent: the mark that ends its output and the index of its first line. */
    record Pending(String mark, int from) {
    }

    /** Sends a command followed by its mark and returns at once; {@link #awaitMark} reads its output. */
    Pending send(String command) throws IOException {
        Pending pending;
        synchronized (lines) {
            pending = new Pending("__MARK_" + (++marks) + "__", lines.size());
        }
        stdin.write((command + "\necho " + pending.mark() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return pending;
    }

    /**
     * The non-blank lines a command printed, up to its mark; fails when the mark does not come back within
     * {@code timeout}.
     */
    List<String> awaitMark(Pending pending, Duration timeout) throws InterruptedException {
        int end = awaitLine(line -> line.contains(pending.mark()), pending.from(), timeout);
        synchronized (lines) {
            List<String> output = new ArrayList<>(lines.subList(pending.from(), end));
            output.add(lines.get(end).replace("echo " + pending.mark(), "").replace(pending.mark(), ""));
            return output.stream().filter(line -> !line.isBlank()).toList();
        }
    }

    /** Runs a Gogo command and returns the lines it printed. */
    List<String> run(String command, Duration timeout) throws IOException, InterruptedException {
        return awaitMark(send(command), timeout);
    }

    /**
     * Waits for a line at or after index {@code from} that matches; returns its index. Fails with the last lines
     * seen when the container exits first or {@code timeout} passes.
     */
    int awaitLine(Predicate<String> wanted, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int next = from;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (wanted.test(lines.get(next))) {
                        return next;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError((process.isAlive() ? "no such line within " + timeout.toMillis() + " ms"
                        : "ggen start exited with " + process.exitValue()) + "; " + tail());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /** The last lines of output, for failure messages. */
    String tail() {
        List<String> all = lines();
        return "last lines of ggen start:\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - TAIL), all.size()));
    }

    /** Sends {@code stop 0} and closes stdin; true when the process exited within {@code timeout}. */
    boolean stop(Duration timeout) throws InterruptedException {
        try {
            stdin.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
        } catch (IOException e) {
            // it may have gone already: whether it has is what the caller checks
        }
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills the container and what it started when it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            Distribution.kill(process.toHandle());
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String text = PROMPTS.matcher(line.replace("\r", "")).replaceFirst("");
                synchronized (lines) {
                    lines.add(text);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the output of a killed process may end so: the waits report what was seen before
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }
}
