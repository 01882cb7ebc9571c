package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.polyglot.PolyglotSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge's validated configuration; unit tests build it directly.
 *
 * @param poolSize contexts per module, at least 1
 * @param pythonPath folders (real paths) searched for named modules after the caller's
 * @param allowHostAccess whether Python may use Java classes and objects
 * @param allowIo whether Python may read and write any host file
 * @param statementLimit the most statements one call may run, 0 for no limit
 * @param interruptGrace how long an interrupted call may take to stop before its context is closed
 */
record PySettings(int poolSize, List<Path> pythonPath, boolean allowHostAccess, boolean allowIo,
                  long statementLimit, Duration interruptGrace) {

    PySettings {
        PolyglotSettings.check(poolSize, statementLimit, interruptGrace);
        pythonPath = List.copyOf(pythonPath);
    }

    /** These settings with another pool size (a module with a debugger gets one context). */
    PySettings withPoolSize(int size) {
        return new PySettings(size, pythonPath, allowHostAccess, allowIo, statementLimit, interruptGrace);
    }

    /** The defaults: one context per core, sandboxed, no configured path, no statement limit, 1 s grace. */
    static PySettings defaults() {
        return new PySettings(Runtime.getRuntime().availableProcessors(), List.of(), false, false, 0,
            Duration.ofSeconds(1));
    }

    /**
     * Validates a configuration.
     *
     * @throws IllegalArgumentException a value is wrong; the message names the property and what to fix
     */
    static PySettings from(GraalPyBridgeConfiguration config) {
        String where = " in the configuration " + GraalPyBridge.PID;
        PolyglotSettings.checkConfiguration(config.pool_size(), config.statement_limit(),
            config.interrupt_grace_ms(), where);
        List<Path> path = new ArrayList<>();
        for (String folder : config.python_path() == null ? new String[0] : config.python_path()) {
            if (folder == null || folder.isBlank()) {
                continue;
            }
            try {
                path.add(folder(folder.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("python.path: " + e.getMessage() + where, e);
            }
        }
        int poolSize = PolyglotSettings.poolSize(config.pool_size());
        return new PySettings(poolSize, path, config.allow_host_access(), config.allow_io(),
            config.statement_limit(), Duration.ofMillis(config.interrupt_grace_ms()));
    }

    /**
     * The real path of a module folder.
     *
     * @throws IllegalArgumentException it is not a folder
     */
    static Path folder(String folder) {
        return PolyglotSettings.folder(folder, "Python modules");
    }
}
