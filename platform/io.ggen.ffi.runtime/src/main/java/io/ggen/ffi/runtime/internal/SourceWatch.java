package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Watches a file module's source: its stamp (modification time and size) against the stamp of
 * the loaded code. Cheap on the call path: the file is looked at no more than once per
 * {@link #INTERVAL_NANOS}, by one caller; between looks a call costs one {@code System.nanoTime()}.
 */
final class SourceWatch {

    /** How often at most the file is looked at. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The stamp of a file that cannot be read. */
    static final long MISSING = -1;

    private final Path file;
    private volatile long nextLook;
    /** A stamp whose source failed to load: not tried again until the file changes again. */
    private volatile OptionalLong failed = OptionalLong.empty();

    private SourceWatch(Path file) {
        this.file = file;
        this.nextLook = System.nanoTime() + INTERVAL_NANOS;
    }

    /** A watch for a file module; null for code and named modules. */
    static SourceWatch of(ModuleSpec spec) {
        return spec.kind() == ModuleSpec.SourceKind.FILE ? new SourceWatch(Path.of(spec.source())) : null;
    }

    /**
     * The file's stamp when it differs from {@code loaded} (and did not fail to load before), else
     * empty. Between looks, and for every caller but the one that looks, empty.
     */
    OptionalLong changed(long loaded) {
        long now = System.nanoTime();
        if (now - nextLook < 0) {
            return OptionalLong.empty();
        }
        synchronized (this) {
            if (now - nextLook < 0) {
                return OptionalLong.empty();
            }
            nextLook = now + INTERVAL_NANOS;
        }
        long current = stamp(file);
        return current == loaded || failed.equals(OptionalLong.of(current)) ? OptionalLong.empty()
            : OptionalLong.of(current);
    }

    /** The source with this stamp did not load; do not try it again. */
    void failed(long stamp) {
        failed = OptionalLong.of(stamp);
    }

    /** The file's modification time (ns) and size in one number; {@link #MISSING} when it cannot be read. */
    static long stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) * 31 + attributes.size();
        } catch (IOException e) {
            // Unreadable or gone: the bridge says so when it loads; a file that comes back is a change.
            return MISSING;
        }
    }
}
