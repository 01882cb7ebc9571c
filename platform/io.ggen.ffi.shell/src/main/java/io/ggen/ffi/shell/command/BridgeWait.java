package io.ggen.ffi.shell.command;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import java.time.Duration;
import java.util.List;

/**
 * Waits a little for a bridge to appear: in a command-line run the bridge bundles start at the
 * same time as the command, so the first call may come before the bridge has registered. Stops
 * waiting as soon as a bridge serves the language, or once the set of bridges has stopped changing
 * (everything deployed has started: the language has no bridge, and the call will say so).
 */
public final class BridgeWait {

    private static final long SETTLED_NANOS = 300_000_000L;

    private final ForeignRuntime runtime;
    private final Duration patience;

    /** @param patience how long to wait at most */
    public BridgeWait(ForeignRuntime runtime, Duration patience) {
        this.runtime = runtime;
        this.patience = patience;
    }

    /** Returns once the bridges present have stopped changing (everything deployed has started), or when patience runs out. */
    public void awaitSettled() throws InterruptedException {
        awaitLanguage(null);
    }

    /** Returns when a bridge serves the language id or alias ({@link BridgeInfo#serves}), when no more bridges arrive, or when patience runs out. */
    public void awaitLanguage(String language) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        List<BridgeInfo> last = null;
        long lastChange = start;
        while (System.nanoTime() < deadline) {
            List<BridgeInfo> bridges = runtime.bridges();
            for (BridgeInfo bridge : bridges) {
                if (language != null && bridge.serves(language)) {
                    return;
                }
            }
            if (!bridges.equals(last)) {
                last = bridges;
                lastChange = System.nanoTime();
            } else if (!bridges.isEmpty() && System.nanoTime() - lastChange > SETTLED_NANOS) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
