package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.BoundFunctions;
import io.ggen.ffi.polyglot.ContextPool;
import io.ggen.ffi.polyglot.PolyglotEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.osgi.service.log.Logger;

/**
 * A loaded Python module and the {@link ContextPool} of contexts it is loaded in: a named module is
 * imported once per context; code and files run once per context in {@code __main__}. The first
 * context is made at load, so a module that does not load fails there; the others when calls need
 * them.
 *
 * <p>A module with a file (a named module's {@code __file__}, or {@code --file}) is loaded again
 * when the file changes: a call looks at the file's modification time at most once a second, and
 * each context loads the new version before its next call.
 */
final class PyModule implements GuestModule {

    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ModuleSpec spec;
    private final String moduleName;
    private final Path sourceFile;
    private final PySandbox sandbox;
    private final List<Path> searchPath;
    private final Logger logger;
    private final Consumer<PyModule> onClose;
    private final ContextPool<PyContext> pool;
    private final Set<String> functions;
    private final BoundFunctions<PyFunction> bound;
    private final Path watched;
    private volatile Source source;
    private volatile int version;
    private volatile long modified;
    private volatile long nextCheck;
    /** The load's context while the first context loads the module; then null. */
    private volatile CallContext loading;

    /**
     * Loads the module in its first context.
     *
     * @param moduleName the module to import, or {@code null} for code or a file
     * @param source the code or the file's content, or {@code null} for a named module
     * @param sourceFile the file of {@code --file}, or {@code null}
     * @param searchPath the folders modules are imported from (real paths)
     * @param load the load's context: cancelling it (its timeout) stops the loading; or {@code null}
     * @throws ForeignException the module does not load: a syntax error, a missing module, what its code raised
     */
    PyModule(ModuleSpec spec, String moduleName, Source source, Path sourceFile, List<Path> searchPath,
             PySandbox sandbox, PySettings settings, Logger logger, CallContext load, Consumer<PyModule> onClose) {
        this.spec = spec;
        this.moduleName = moduleName;
        this.source = source;
        this.sourceFile = sourceFile;
        this.searchPath = List.copyOf(searchPath);
        this.sandbox = sandbox;
        this.logger = logger;
        this.onClose = onClose;
        this.pool = new ContextPool<>(settings.poolSize(), this::newContext, spec.describe(),
            settings.interruptGrace().toNanos(), PyErrors.ERRORS, logger);
        this.loading = load;
        PyContext first;
        try {
            first = pool.acquire(null);
        } finally {
            this.loading = null;
        }
        this.functions = first.definedFunctions();
        this.bound = new BoundFunctions<>(functions, this::exists, (name, id) -> new PyFunction(this, name, id),
            PyErrors.GUEST, spec.describe(), "functions");
        String file = sourceFile != null ? sourceFile.toString() : first.moduleFile();
        pool.release(first);
        this.watched = file == null ? null : Path.of(file);
        this.modified = lastModified(watched);
        this.nextCheck = System.nanoTime() + CHECK_INTERVAL_NANOS;
    }

    private PyContext newContext(int index) {
        // With the polyglot class loader: GraalPy finds its home (an internal resource) through it inside OSGi.
        Context context;
        try {
            context = PolyglotEngines.withPolyglotLoader(() -> sandbox.newContext(searchPath));
        } catch (PolyglotException e) {
            throw PyErrors.toForeign(e, "starting a context for " + spec.describe(), false);
        }
        CallContext load = loading;
        if (load != null && load.isCancellable()) {
            // Top-level code that runs past the load's timeout: cancel it by closing its context.
            load.onCancel(() -> context.close(true));
        }
        try {
            return new PyContext(index, context, this, version, sandbox.hasStatementLimit());
        } catch (PolyglotException e) {
            ForeignException failure = PyErrors.toForeign(e, "loading " + spec.describe(), false);
            context.close(true);
            throw explainMissing(failure);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** A missing top-level module: say where it was looked for. */
    private ForeignException explainMissing(ForeignException failure) {
        if (moduleName != null && "ModuleNotFoundError".equals(failure.foreignType())
            && failure.foreignMessage().contains("'" + moduleName + "'")) {
            return new ForeignException(PyErrors.LANGUAGE, failure.foreignType(), failure.foreignMessage()
                + "; looked in " + (searchPath.isEmpty() ? "no folder (give --python-path or the bridge's"
                + " python.path)" : searchPath) + " and the standard library", failure.foreignFrames(), failure);
        }
        return failure;
    }

    private static long lastModified(Path file) {
        if (file == null) {
            return 0;
        }
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            // Gone or unreadable: keep the loaded version until it is back.
            return -1;
        }
    }

    /**
     * The module's version: it goes up when its file changed. Looks at the file at most once a second.
     */
    int version() {
        if (watched == null) {
            return 0;
        }
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return version;
        }
        nextCheck = now + CHECK_INTERVAL_NANOS;
        long time = lastModified(watched);
        if (time != -1 && time != modified) {
            synchronized (this) {
                if (time != modified) {
                    if (sourceFile != null) {
                        source = PySources.file(sourceFile, false);
                    }
                    modified = time;
                    version++;
                    logger.info("Python module {} changed: loading it again", spec.describe());
                }
            }
        }
        return version;
    }

    /** The module to import, or {@code null} for code or a file. */
    String moduleName() {
        return moduleName;
    }

    /** The code or file content run in {@code __main__}. */
    Source source() {
        return source;
    }

    ModuleSpec spec() {
        return spec;
    }

    ContextPool<PyContext> pool() {
        return pool;
    }

    @Override
    public Set<String> functions() {
        return functions;
    }

    /**
     * Binds a function (or class) of the module, or a built-in such as {@code len}. The same name
     * gives the same {@link PyFunction}.
     */
    @Override
    public GuestFunction function(String name) {
        return bound.get(name);
    }

    /**
     * The signatures of the module's own public functions, from their type hints and docstrings
     * ({@link PySignatures}), read again each time in the module's current version.
     */
    @Override
    public List<FunctionSignature> signatures() {
        return pool.run(null, "reading the signatures of " + spec.describe(), context -> {
            context.ensureCurrent(version());
            return PySignatures.from(context.signatures());
        });
    }

    private boolean exists(String name) {
        return pool.run(null, "looking up " + name, context -> {
            context.ensureCurrent(version());
            Value member = context.lookupFunction(name);
            return member != null && member.canExecute();
        });
    }

    /** Closes every context, cancelling running calls. Idempotent. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            onClose.accept(this);
            logger.debug("Closed Python module {}", spec.describe());
        }
    }

    @Override
    public String toString() {
        return "PyModule[" + spec.describe() + "]";
    }
}
