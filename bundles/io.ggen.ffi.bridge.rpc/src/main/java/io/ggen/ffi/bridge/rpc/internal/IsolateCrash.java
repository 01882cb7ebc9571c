package io.ggen.ffi.bridge.rpc.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How an isolate ended, in a few words: the type a caller's exception gets ({@code SIGSEGV},
 * {@code SIGABRT}, {@code exit 3}, {@code OutOfMemoryError}...) and the useful part of its last
 * words: the signal and problematic frame of the JVM's crash report (never its 60-line banner),
 * the limit it ran into, or its last stderr lines.
 *
 * @param type the foreign type of the call's exception
 * @param description reads after "the isolate ...", e.g. {@code crashed with SIGSEGV ...}
 */
record IsolateCrash(String type, String description) {

    /** How many crash reports the log folder keeps; older ones are deleted. */
    static final int KEPT_REPORTS = 10;

    private static final Pattern SIGNAL = Pattern.compile("#\\s+(SIG[A-Z0-9]+) \\(0x[0-9a-f]+\\)(.*)");
    private static final String PROBLEMATIC = "# Problematic frame:";
    private static final String OUT_OF_MEMORY = "Terminating due to java.lang.OutOfMemoryError";
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
        Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"),
        Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(11, "SIGSEGV"),
        Map.entry(13, "SIGPIPE"), Map.entry(15, "SIGTERM"), Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"));

    /**
     * @param pid the isolate's process id (its crash report is {@code hs_err_pid<pid>.log})
     * @param exit its exit status (128 + n: killed by signal n)
     * @param stderr its last stderr lines, oldest first
     */
    static IsolateCrash of(long pid, int exit, IsolateSettings isolate, List<String> stderr) {
        Path report = isolate.crashLogs().resolve("hs_err_pid" + pid + ".log");
        if (Files.isRegularFile(report)) {
            IsolateCrash crash = fromReport(report);
            rotate(isolate.crashLogs());
            return crash;
        }
        String outOfMemory = stderr.stream().filter(line -> line.contains(OUT_OF_MEMORY)).findFirst().orElse(null);
        if (outOfMemory != null) {
            String what = outOfMemory.replace("Terminating due to java.lang.", "");
            boolean direct = what.contains("Direct buffer") || what.contains("direct buffer");
            return new IsolateCrash("OutOfMemoryError", "ran out of memory (" + what.strip() + "): " + (direct
                ? "its direct memory limit is " + isolate.directMemory() + "; raise it with the module option"
                    + " isolation.direct-memory=SIZE or the isolation configuration's direct.memory"
                : "its heap limit is " + isolate.heap() + "; raise it with the module option isolation.heap=SIZE"
                    + " (e.g. 1g) or the isolation configuration's heap") + "; the platform's heap was not touched");
        }
        String said = stderr.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", lastLines(stderr, 4));
        if (exit > 128 && SIGNALS.containsKey(exit - 128)) {
            String signal = SIGNALS.get(exit - 128);
            String limit = signal.equals("SIGXCPU") ? " (its CPU time limit of " + isolate.cpuSeconds()
                + " s is used up; raise it with the module option isolation.cpu=SECONDS)" : "";
            return new IsolateCrash(signal, "was ended by " + signal + limit + said);
        }
        return new IsolateCrash("exit " + exit, "exited with status " + exit + " (exit() from the module's code,"
            + " or its JVM gave up)" + said);
    }

    /** The signal line and the problematic frame of a JVM crash report. */
    private static IsolateCrash fromReport(Path report) {
        List<String> lines;
        try {
            lines = Files.readAllLines(report);
        } catch (IOException e) {
            return new IsolateCrash("Crash", "crashed; its crash report " + report + " cannot be read: " + e.getMessage());
        }
        String type = "Crash";
        String signalLine = null;
        String frame = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = SIGNAL.matcher(line);
            if (signalLine == null && m.matches()) {
                type = m.group(1);
                signalLine = (m.group(1) + m.group(2)).strip();
            } else if (frame == null && line.startsWith(PROBLEMATIC) && i + 1 < lines.size()) {
                frame = lines.get(i + 1).replaceFirst("^#\\s*", "").strip();
            } else if (signalLine == null && line.startsWith("#  Internal Error")) {
                signalLine = line.replaceFirst("^#\\s*", "").strip();
            } else if (line.contains("There is insufficient memory for the Java Runtime Environment")) {
                type = "OutOfMemoryError";
                signalLine = "native memory exhausted";
            }
        }
        return new IsolateCrash(type, "crashed with " + (signalLine == null ? "a fatal error" : signalLine)
            + (frame == null ? "" : "; problematic frame: " + frame) + " (crash report: " + report + ")");
    }

    private static List<String> lastLines(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** Keeps the newest {@link #KEPT_REPORTS} crash reports of the folder. */
    static void rotate(Path folder) {
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).forEach(reports::add);
        } catch (IOException e) {
            return;   // nothing to rotate
        }
        reports.sort(Comparator.comparing(IsolateCrash::modified).reversed());
        for (Path old : reports.subList(Math.min(KEPT_REPORTS, reports.size()), reports.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                // another isolate's supervisor deleted it, or it is not ours to delete: kept
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
