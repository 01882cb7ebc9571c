package io.ggen.ffi.disttests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The used heap of another JVM after a full GC, as the JDK's {@code jcmd} reports it: {@code GC.run}, then
 * {@code GC.heap_info}. The jcmd is the one of the JDK the JVM runs on.
 */
final class HeapAfterGc {

    /** "used 14652K" in the heap lines (G1: "garbage-first heap ... used 14652K [...)"; Serial/Parallel: one per generation). */
    private static final Pattern USED = Pattern.compile("\\bused (\\d+)([KMG])\\b");
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

    private HeapAfterGc() {
    }

    /** Bytes of heap in use in the JVM {@code pid} after a full GC. */
    static long measure(ProcessHandle jvm, Path outputDir) throws IOException, InterruptedException {
        String jcmd = jcmdFor(jvm).toString();
        String pid = Long.toString(jvm.pid());
        ProcessRun gc = ProcessRun.of(new ProcessBuilder(jcmd, pid, "GC.run"), outputDir, JCMD_TIMEOUT);
        if (gc.exitCode() != 0) {
            throw new AssertionError("jcmd GC.run failed: " + gc.describe());
        }
        ProcessRun info = ProcessRun.of(new ProcessBuilder(jcmd, pid, "GC.heap_info"), outputDir, JCMD_TIMEOUT);
        if (info.exitCode() != 0) {
            throw new AssertionError("jcmd GC.heap_info failed: " + info.describe());
        }
        long used = 0;
        boolean found = false;
        for (String line : info.stdoutLines()) {
            if (line.strip().startsWith("Metaspace") || line.strip().startsWith("class space")) {
                break; // not heap
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1)) << switch (m.group(2)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    default -> 30;
                };
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no 'used NK' figure in the output of jcmd GC.heap_info: " + info.describe());
        }
        return used;
    }

    /** bin/jcmd next to the JVM's java executable; else that of JAVA_HOME, else that of the JVM running the tests. */
    private static Path jcmdFor(ProcessHandle jvm) {
        Optional<Path> beside = jvm.info().command().map(java -> Path.of(java).resolveSibling("jcmd"));
        if (beside.isPresent() && Files.isExecutable(beside.get())) {
            return beside.get();
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "jcmd"))) {
            return Path.of(javaHome, "bin", "jcmd");
        }
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }
}
