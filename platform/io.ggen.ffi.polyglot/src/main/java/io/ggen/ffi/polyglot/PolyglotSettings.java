package io.ggen.ffi.polyglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The checks every Polyglot bridge makes on its settings: the pool size, the statement limit and
 * the interrupt grace, both of the settings record and of the configuration they are read from.
 */
@ProviderType
public final class PolyglotSettings {

    private PolyglotSettings() {
    }

    /**
     * Checks validated settings (a settings record's compact constructor).
     *
     * @throws IllegalArgumentException the pool size is below 1, the statement limit negative or the
     *     grace under 1 ms
     */
    public static void check(int poolSize, long statementLimit, Duration interruptGrace) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, not " + poolSize);
        }
        if (statementLimit < 0) {
            throw new IllegalArgumentException("the statement limit must be 0 (none) or positive, not " + statementLimit);
        }
        if (interruptGrace.toMillis() < 1) {
            throw new IllegalArgumentException("the interrupt grace must be at least 1 ms, not " + interruptGrace);
        }
    }

    /**
     * Checks the configuration properties {@code pool.size}, {@code statement.limit} and
     * {@code interrupt.grace.ms}.
     *
     * @param where appended to messages, e.g. {@code " in the configuration <pid>"}
     * @throws IllegalArgumentException a value is wrong; the message names the property and what to fix
     */
    public static void checkConfiguration(int poolSize, long statementLimit, long interruptGraceMillis,
                                          String where) {
        if (poolSize < 0) {
            throw new IllegalArgumentException("pool.size must be 0 (one context per core) or positive, not "
                + poolSize + where);
        }
        if (statementLimit < 0) {
            throw new IllegalArgumentException("statement.limit must be 0 (no limit) or positive, not "
                + statementLimit + where);
        }
        if (interruptGraceMillis <= 0) {
            throw new IllegalArgumentException("interrupt.grace.ms must be a positive number of milliseconds, not "
                + interruptGraceMillis + where);
        }
    }

    /** The configured pool size, 0 meaning one context per core. */
    public static int poolSize(int configured) {
        return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
    }

    /**
     * The real path of a folder a setting or module option names.
     *
     * @param holds what the folder should hold, for the message, e.g. {@code Python modules}
     * @throws IllegalArgumentException it is not a path, or not a folder
     */
    public static Path folder(String folder, String holds) {
        Path path;
        try {
            path = Path.of(folder);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + folder + "' is not a valid path", e);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("'" + folder + "' is not a folder: give a folder that holds " + holds);
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + folder + "' cannot be resolved: " + e.getMessage(), e);
        }
    }
}
