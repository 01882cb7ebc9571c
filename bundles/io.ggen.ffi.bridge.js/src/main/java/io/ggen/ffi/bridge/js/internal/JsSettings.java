package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.polyglot.PolyglotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The bridge's validated configuration; unit tests build it directly.
 *
 * @param poolSize contexts per module, at least 1
 * @param allowHostAccess whether JavaScript may use Java classes and objects
 * @param allowIo whether JavaScript may read and write host files
 * @param nodeModules the bridge-wide {@code node_modules} folder (real path), or {@code null}
 * @param statementLimit the most statements one call may run, 0 for no limit
 * @param interruptGrace how long an interrupted call may take to stop before its context is closed
 */
record JsSettings(int poolSize, boolean allowHostAccess, boolean allowIo, Path nodeModules,
                  long statementLimit, Duration interruptGrace) {

    JsSettings {
        PolyglotSettings.check(poolSize, statementLimit, interruptGrace);
    }

    /** These settings with another pool size (a module with a debugger gets one context). */
    JsSettings withPoolSize(int size) {
        return new JsSettings(size, allowHostAccess, allowIo, nodeModules, statementLimit, interruptGrace);
    }

    /** The defaults: one context per core, sandboxed, no require, no statement limit, 1 s grace. */
    static JsSettings defaults() {
        return new JsSettings(Runtime.getRuntime().availableProcessors(), false, false, null, 0,
            Duration.ofSeconds(1));
    }

    /**
     * Validates a configuration.
     *
     * @throws IllegalArgumentException a value is wrong; the message names the property and what to fix
     */
    static JsSettings from(GraalJsBridgeConfiguration config) {
        String where = " in the configuration " + GraalJsBridge.PID;
        PolyglotSettings.checkConfiguration(config.pool_size(), config.statement_limit(),
            config.interrupt_grace_ms(), where);
        Path nodeModules = null;
        String folder = config.node_modules() == null ? "" : config.node_modules().strip();
        if (!folder.isEmpty()) {
            try {
                nodeModules = nodeModulesFolder(folder);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node.modules: " + e.getMessage() + where, e);
            }
        }
        int poolSize = PolyglotSettings.poolSize(config.pool_size());
        return new JsSettings(poolSize, config.allow_host_access(), config.allow_io(), nodeModules,
            config.statement_limit(), Duration.ofMillis(config.interrupt_grace_ms()));
    }

    /**
     * The real path of a {@code node_modules} folder: the folder itself, or the {@code node_modules}
     * folder inside it.
     *
     * @throws IllegalArgumentException it is not a folder
     */
    static Path nodeModulesFolder(String folder) {
        Path path = PolyglotSettings.folder(folder, "the packages to require() (node_modules)");
        Path inner = path.resolve("node_modules");
        return !"node_modules".equals(String.valueOf(path.getFileName())) && Files.isDirectory(inner) ? inner : path;
    }
}
