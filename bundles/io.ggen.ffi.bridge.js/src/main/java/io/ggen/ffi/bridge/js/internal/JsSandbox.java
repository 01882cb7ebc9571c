package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.polyglot.OpenModules;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * What a JavaScript context may do, and the factory of contexts on the shared {@link Engine}.
 *
 * <p>By default a context has no host access (no {@code Java.type}, no Java objects), no IO, no
 * threads, no native access. With a {@code node_modules} folder it gets CommonJS {@code require}
 * and a file system that reads that folder only (read-only; every other path is denied). Host
 * access must be the same for every context of an engine, so it is a bridge-wide setting.
 */
final class JsSandbox {

    private final Engine engine;
    private final OpenModules<?> modules;
    private final JsSettings settings;
    private final HostAccess hostAccess;
    private final Predicate<String> hostClassLookup;
    private final ResourceLimits limits;

    /** @param modules the bridge's modules: contexts are initialized through it (never while the engine closes) */
    JsSandbox(Engine engine, OpenModules<?> modules, JsSettings settings) {
        this.engine = engine;
        this.modules = modules;
        this.settings = settings;
        this.hostAccess = settings.allowHostAccess() ? HostAccess.ALL : HostAccess.NONE;
        this.hostClassLookup = className -> true;
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
     * @param nodeModules the real path of the {@code node_modules} folder {@code require} reads, or
     *     {@code null} for no {@code require}
     */
    Context newContext(Path nodeModules) {
        Context.Builder builder = Context.newBuilder(JsErrors.LANGUAGE_ID)
            .engine(engine)
            .allowHostAccess(hostAccess)
            .allowCreateThread(false)
            .allowNativeAccess(false)
            .allowIO(ioAccess(nodeModules));
        if (settings.allowHostAccess()) {
            builder.allowHostClassLookup(hostClassLookup);
        }
        if (nodeModules != null) {
            builder.allowExperimentalOptions(true)
                .option("js.commonjs-require", "true")
                // The node_modules folder itself: GraalJS needs read access to the require root.
                .option("js.commonjs-require-cwd", nodeModules.toString());
        }
        if (limits != null) {
            builder.resourceLimits(limits);
        }
        return modules.initialized(builder, JsErrors.LANGUAGE_ID);
    }

    private IOAccess ioAccess(Path nodeModules) {
        if (settings.allowIo()) {
            return IOAccess.ALL;
        }
        if (nodeModules == null) {
            return IOAccess.NONE;
        }
        FileSystem readOnly = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
        FileSystem confined = FileSystem.newCompositeFileSystem(FileSystem.newDenyIOFileSystem(),
            FileSystem.Selector.of(readOnly, path -> isInside(path, nodeModules)));
        return IOAccess.newBuilder().fileSystem(confined).build();
    }

    /** Whether a path lies in the folder; relative paths resolve against it (it is the require root). */
    static boolean isInside(Path path, Path folder) {
        Path absolute = path.isAbsolute() ? path : folder.resolve(path);
        return absolute.normalize().startsWith(folder);
    }
}
