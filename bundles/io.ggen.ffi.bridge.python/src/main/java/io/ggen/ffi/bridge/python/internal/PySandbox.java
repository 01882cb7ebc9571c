package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.polyglot.OpenModules;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * What a Python context may do, and the factory of contexts on the shared {@link Engine}.
 *
 * <p>By default a context has no host access (no {@code import java}), no threads, no native
 * access, and a file system that reads the module search path only (read-only; every other path
 * is denied). GraalPy's own home (its standard library, extracted by Truffle from the
 * {@code python-resources} jar into the user's resource cache) stays readable through
 * {@link FileSystem#allowInternalResourceAccess}. Host access must be the same for every context
 * of an engine, so it is a bridge-wide setting.
 */
final class PySandbox {

    private final Engine engine;
    private final OpenModules<?> modules;
    private final PySettings settings;
    private final ResourceLimits limits;

    /** @param modules the bridge's modules: contexts are initialized through it (never while the engine closes) */
    PySandbox(Engine engine, OpenModules<?> modules, PySettings settings) {
        this.engine = engine;
        this.modules = modules;
        this.settings = settings;
        this.limits = settings.statementLimit() > 0
            ? ResourceLimits.newBuilder().statementLimit(settings.statementLimit(), null).build()
            : null;
    }

    /** Whether each call must reset the context's statement count. */
    boolean hasStatementLimit() {
        return limits != null;
    }

    /**
     * A new context.
     *
     * @param searchPath the real paths of the folders modules are imported from ({@code sys.path}, before
     *     the standard library); the only host files it may read unless IO is allowed
     */
    Context newContext(List<Path> searchPath) {
        Context.Builder builder = Context.newBuilder(PyErrors.LANGUAGE_ID)
            .engine(engine)
            .allowHostAccess(settings.allowHostAccess() ? HostAccess.ALL : HostAccess.NONE)
            .allowCreateThread(false)
            .allowNativeAccess(false)
            .allowIO(ioAccess(searchPath))
            .option("python.PythonPath", searchPath.stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        if (settings.allowHostAccess()) {
            builder.allowHostClassLookup(className -> true);
        }
        if (limits != null) {
            builder.resourceLimits(limits);
        }
        return modules.initialized(builder, PyErrors.LANGUAGE_ID);
    }

    private IOAccess ioAccess(List<Path> searchPath) {
        if (settings.allowIo()) {
            return IOAccess.ALL;
        }
        FileSystem readOnly = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
        FileSystem confined = FileSystem.newCompositeFileSystem(FileSystem.newDenyIOFileSystem(),
            FileSystem.Selector.of(readOnly, path -> isInside(path, searchPath)));
        return IOAccess.newBuilder().fileSystem(FileSystem.allowInternalResourceAccess(confined)).build();
    }

    /** Whether a path lies in one of the folders. */
    static boolean isInside(Path path, List<Path> folders) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path folder : folders) {
            if (absolute.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }
}
