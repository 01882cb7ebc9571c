package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Source;

/** The {@link Source}s of code and files; named after the file, so frames read file:line. */
final class PySources {

    /** The source name of inline code. */
    static final String INLINE_NAME = "inline.py";

    private PySources() {
    }

    static Source code(String code) {
        return Source.newBuilder(PyErrors.LANGUAGE_ID, code, INLINE_NAME).cached(true).buildLiteral();
    }

    /**
     * @param cached whether the engine may keep the parsed code for other contexts (not for a changed file)
     * @throws ForeignException the file is missing or unreadable
     */
    static Source file(Path file, boolean cached) {
        try {
            return Source.newBuilder(PyErrors.LANGUAGE_ID, file.toFile()).cached(cached).build();
        } catch (NoSuchFileException e) {
            throw new ForeignException(PyErrors.LANGUAGE, "FileNotFoundError", "no Python file " + file, List.of(), e);
        } catch (IOException e) {
            throw new ForeignException(PyErrors.LANGUAGE, "OSError", "cannot read the Python file " + file
                + ": " + e, List.of(), e);
        }
    }
}
