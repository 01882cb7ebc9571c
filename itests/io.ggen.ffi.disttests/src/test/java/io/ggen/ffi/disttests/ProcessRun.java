package io.ggen.ffi.disttests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One finished run of a process: exit code, stdout and stderr (captured apart, through files so that
 * neither can block the process) and the wall-clock time.
 */
record ProcessRun(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {

    /**
     * Runs {@code builder} to its end, or fails when it takes longer than {@code timeout} (killing it and what
     * it started). Its output goes to files in {@code outputDir}.
     */
    static ProcessRun of(ProcessBuilder builder, Path outputDir, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(outputDir, "stdout-", ".txt");
        Path err = Files.createTempFile(outputDir, "stderr-", ".txt");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!finished) {
            Distribution.kill(process.toHandle());
            process.waitFor(10, TimeUnit.SECONDS);
        }
        ProcessRun run = new ProcessRun(builder.command(), finished ? process.exitValue() : -1,
            Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), elapsed);
        if (!finished) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s, killed: " + run.describe());
        }
        return run;
    }

    /** {@code bin/ggen} of {@code home} with {@code args}, run in {@code workDir} (which also gets the output files). */
    static ProcessRun ggen(Path home, Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        return of(Distribution.ggen(home, workDir, List.of(args)), workDir, timeout);
    }

    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** The command, how it ended and everything it printed: the description of a failed assertion. */
    String describe() {
        return String.format("%s%n  exit code %d after %d ms%n--- stdout ---%n%s--- stderr ---%n%s--- end ---",
            command.stream().map(ProcessRun::quoted).collect(Collectors.joining(" ")), exitCode, elapsed.toMillis(),
            stdout, stderr);
    }

    /** {@code arg} as a shell would need it, so that a failure's command can be pasted into a terminal. */
    private static String quoted(String arg) {
        return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
