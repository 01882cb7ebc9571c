package io.ggen.ffi.bridge.wasm.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings a module runs with: the bridge's configuration, overridden by the module's options of
 * the same names. Unit tests build them directly.
 *
 * @param maxPages the most 64 KiB pages of linear memory an instance may have
 * @param execution interpreter or compiler
 * @param wasi whether modules may import WASI preview 1
 * @param dirs host folders WASI modules may open
 * @param env environment variables WASI modules see
 * @param poolSize how many instances of a module may run calls at once, at least 1
 */
record WasmSettings(int maxPages, Execution execution, boolean wasi, List<WasiDir> dirs, Map<String, String> env,
                    int poolSize) {

    /** 16 MiB. */
    static final int DEFAULT_MAX_PAGES = 256;
    /** The execution mode modules get unless configured: see the README for the measurement behind it. */
    static final String DEFAULT_EXECUTION = "compiler";
    /** What Chicory's memory can hold: a JVM array of at most {@code Integer.MAX_VALUE} bytes. */
    static final int MOST_PAGES = 32767;

    static final String MAX_PAGES = "memory.max-pages";
    static final String EXECUTION = "execution";
    static final String WASI = "wasi";
    static final String WASI_DIRS = "wasi.dirs";
    static final String WASI_ENV_PREFIX = "wasi.env.";
    static final String POOL_SIZE = "pool.size";

    /** How a module's functions run. */
    enum Execution {
        /** Chicory's interpreter: nothing to compile at load. */
        INTERPRETER,
        /** Chicory's compiler: the module becomes JVM bytecode at load, which the JIT then compiles. */
        COMPILER;

        static Execution parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "interpreter" -> INTERPRETER;
                case "compiler" -> COMPILER;
                default -> throw new IllegalArgumentException("'" + value + "' is neither interpreter nor compiler");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A host folder a WASI module may open.
     *
     * @param host the folder on the host
     * @param guest the path the module opens it by
     */
    record WasiDir(Path host, String guest) {

        /** {@code HOST} or {@code HOST::GUEST}. */
        static WasiDir parse(String value) {
            String text = value.strip();
            int split = text.indexOf("::");
            String hostText = split < 0 ? text : text.substring(0, split);
            String guest = split < 0 ? hostText : text.substring(split + 2);
            if (hostText.isEmpty() || guest.isEmpty()) {
                throw new IllegalArgumentException("'" + value + "' is not HOST or HOST::GUEST");
            }
            Path host;
            try {
                host = Path.of(hostText).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + hostText + "' is not a path", e);
            }
            if (!Files.isDirectory(host)) {
                throw new IllegalArgumentException(host + " is not a folder");
            }
            return new WasiDir(host, guest);
        }

        @Override
        public String toString() {
            return host + "::" + guest;
        }
    }

    WasmSettings {
        if (maxPages < 0 || maxPages > MOST_PAGES) {
            throw new IllegalArgumentException("the memory limit must be 0 to " + MOST_PAGES + " pages, not " + maxPages);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, not " + poolSize);
        }
        dirs = List.copyOf(dirs);
        env = Map.copyOf(env);
    }

    /** The defaults: 16 MiB, the default execution, WASI without files or environment, one instance per core. */
    static WasmSettings defaults() {
        return new WasmSettings(DEFAULT_MAX_PAGES, Execution.parse(DEFAULT_EXECUTION), true, List.of(), Map.of(),
            cores());
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Validates a configuration.
     *
     * @throws IllegalArgumentException a value is wrong; the message names the property and what to fix
     */
    static WasmSettings from(ChicoryWasmBridgeConfiguration config) {
        String where = " in the configuration " + ChicoryWasmBridge.PID;
        try {
            Execution execution = Execution.parse(config.execution());
            List<WasiDir> dirs = new ArrayList<>();
            for (String dir : config.wasi_dirs()) {
                dirs.add(WasiDir.parse(dir));
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String variable : config.wasi_env()) {
                int eq = variable.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("wasi.env: '" + variable + "' is not NAME=VALUE");
                }
                env.put(variable.substring(0, eq), variable.substring(eq + 1));
            }
            if (config.pool_size() < 0) {
                throw new IllegalArgumentException("pool.size: " + config.pool_size() + " is negative; 0 means one per core");
            }
            return new WasmSettings(config.memory_max$_$pages(), execution, config.wasi_enabled(), dirs, env,
                config.pool_size() == 0 ? cores() : config.pool_size());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + where, e);
        }
    }

    /**
     * These settings with the module's options applied: {@value #MAX_PAGES}, {@value #EXECUTION},
     * {@value #WASI}, {@value #WASI_DIRS}, {@code wasi.env.NAME}, {@value #POOL_SIZE}.
     *
     * @throws ForeignArgumentException an option has a wrong value; the message names it
     */
    WasmSettings forModule(Map<String, String> options) {
        if (options.isEmpty()) {
            return this;
        }
        String option = null;
        try {
            option = MAX_PAGES;
            int pages = options.containsKey(option) ? integer(options.get(option)) : maxPages;
            option = EXECUTION;
            Execution mode = options.containsKey(option) ? Execution.parse(options.get(option)) : execution;
            option = WASI;
            boolean wasiOn = options.containsKey(option) ? bool(options.get(option)) : wasi;
            if (wasiOn && !wasi) {
                throw new IllegalArgumentException("WASI is off in the configuration " + ChicoryWasmBridge.PID
                    + " (wasi.enabled): a module cannot turn it on");
            }
            option = WASI_DIRS;
            List<WasiDir> folders = dirs;
            if (options.containsKey(option)) {
                folders = new ArrayList<>();
                for (String dir : options.get(option).split(",")) {
                    if (!dir.isBlank()) {
                        folders.add(granted(WasiDir.parse(dir)));
                    }
                }
            }
            Map<String, String> variables = new LinkedHashMap<>(env);
            for (Map.Entry<String, String> entry : options.entrySet()) {
                if (entry.getKey().startsWith(WASI_ENV_PREFIX) && entry.getKey().length() > WASI_ENV_PREFIX.length()) {
                    variables.put(entry.getKey().substring(WASI_ENV_PREFIX.length()), entry.getValue());
                }
            }
            option = POOL_SIZE;
            int pool = options.containsKey(option) ? integer(options.get(option)) : poolSize;
            option = null;
            return new WasmSettings(pages, mode, wasiOn, folders, variables, pool);
        } catch (IllegalArgumentException e) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, (option == null ? "" : "the module option "
                + option + ": ") + e.getMessage(), e);
        }
    }

    /**
     * The folder, if it lies in a folder the configuration grants: the host's files are the
     * operator's to give, so a module's options may narrow the configured folders, never widen them.
     */
    private WasiDir granted(WasiDir dir) {
        Path wanted = realPath(dir.host());
        for (WasiDir configured : dirs) {
            if (wanted.startsWith(realPath(configured.host()))) {
                return dir;
            }
        }
        throw new IllegalArgumentException(dir.host() + " is not inside a folder the configuration " + ChicoryWasmBridge.PID
            + " grants (wasi.dirs: " + (dirs.isEmpty() ? "none" : dirs.stream().map(d -> d.host().toString()).toList())
            + "); a module may only narrow them: add the folder there");
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number", e);
        }
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is neither true nor false");
        };
    }
}
