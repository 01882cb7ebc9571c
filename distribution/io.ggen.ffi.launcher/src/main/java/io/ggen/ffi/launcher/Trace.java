package io.ggen.ffi.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** With {@code -Dggen.trace=true} (in GGEN_OPTS): the time of each start-up phase since the JVM started, on stderr. */
final class Trace {

    private static final boolean ENABLED = Boolean.getBoolean("ggen.trace");
    private static final Instant JVM_START = ENABLED
            ? ProcessHandle.current().info().startInstant().orElse(Instant.now()) : null;

    private Trace() {
    }

    static void phase(String what) {
        if (ENABLED) {
            long millis = Duration.between(JVM_START, Instant.now()).toMillis();
            System.err.println(String.format(Locale.ROOT, "ggen: trace: %5d ms %s", millis, what));
        }
    }
}
