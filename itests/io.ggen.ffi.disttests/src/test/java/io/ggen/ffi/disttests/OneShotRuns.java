package io.ggen.ffi.disttests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of one-shot {@code bin/ggen} runs share: the assembled distribution, a fresh working
 * folder per test, and {@link #ggen} to run a command there with a bounded wait.
 */
abstract class OneShotRuns {

    static Path home;

    @TempDir
    Path workDir;

    @BeforeAll
    static void distribution() {
        home = Distribution.home();
    }

    /** How long one run may take: a cold JVM on a busy machine; a hang still fails in bounded time. */
    abstract Duration runTimeout();

    ProcessRun ggen(String... args) throws IOException, InterruptedException {
        return ProcessRun.ggen(home, workDir, runTimeout(), args);
    }
}
