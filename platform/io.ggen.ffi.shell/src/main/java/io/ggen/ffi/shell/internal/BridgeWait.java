package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits a little for a bridge to appear: in a command-line run the bridge bundles start at the
 * same time as the command, so the first call may come before the bridge has registered.
 */
final class BridgeWait {

    private final ForeignRuntime runtime;
    private final Duration patience;

    BridgeWait(ForeignRuntime runtime, Duration patience) {
        this.runtime = runtime;
        this.patience = patience;
    }

    /** Returns when a bridge serves the language, or when patience runs out (the call then says why). */
    void awaitLanguage(String language) throws InterruptedException {
        String wanted = language.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (BridgeInfo bridge : runtime.bridges()) {
                if (bridge.language().equals(wanted) || bridge.aliases().contains(wanted)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }
}
