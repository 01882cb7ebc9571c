package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.benchmark.internal.BenchmarkReport.Mode;
import io.ggen.ffi.benchmark.internal.BenchmarkReport.WorkloadResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a benchmark run on stderr: a bar redrawn in place when stderr is a terminal, else
 * one line per finished workload (logs and pipes get no carriage returns).
 */
final class BenchmarkProgress implements BenchmarkRunner.Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long total;
    private long done;
    private long lastDraw;
    private int lastLength;

    /**
     * @param total the calls the whole run makes
     * @param terminal whether stderr is a terminal (draw a bar) or not (print lines)
     */
    BenchmarkProgress(PrintWriter err, boolean terminal, long total) {
        this.err = err;
        this.terminal = terminal;
        this.total = Math.max(1, total);
    }

    /** Whether this process talks to a terminal: {@code System.console()} exists and is one. */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void advance(String language, String workload, Mode mode, long calls) {
        done += calls;
        long now = System.nanoTime();
        if (terminal && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            draw(language + " " + workload + " " + mode.key);
        }
    }

    @Override
    public void finished(String language, WorkloadResult result) {
        if (terminal) {
            draw(language + " " + result.workload() + " done");
        } else {
            err.println("benchmark-ffi: " + language + " " + result.workload() + " "
                + (result.error() == null ? "done" : "failed: " + result.error()));
            err.flush();
        }
    }

    /** Clears the bar, so that what follows starts on a clean line. */
    void end() {
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }

    /** The bar line for the current state, e.g. {@code [#######.......]  45% javascript add ffi}. */
    String bar(String what) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
            + String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)) + " " + what;
    }

    private void draw(String what) {
        String line = bar(what);
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        lastLength = line.length();
    }
}
