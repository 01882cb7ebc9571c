package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.CallCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CacheCommandTest {

    private final AtomicBoolean cleared = new AtomicBoolean();

    private final CallCache cache = new CallCache() {
        @Override public Stats stats() { return new Stats(3, 100, 30, 10, 2, 1, 0, 10_000); }
        @Override public void invalidateAll() { cleared.set(true); }
    };

    private String run(CallCache current, String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new CacheCommand(() -> current));
        line.setOut(new PrintWriter(out));
        assertThat(line.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void showsTheFigures() {
        String out = run(cache);
        assertThat(out).contains("HITS", "MISSES", "EVICTIONS", "75.0%", "1.0");
        assertThat(cleared).isFalse();
    }

    @Test
    void clearEmptiesTheCache() {
        run(cache, "--clear");
        assertThat(cleared).isTrue();
    }

    @Test
    void saysSoWhenTheCacheBundleIsAbsent() {
        assertThat(run(null)).contains("io.ggen.ffi.cache bundle is not active");
    }
}
