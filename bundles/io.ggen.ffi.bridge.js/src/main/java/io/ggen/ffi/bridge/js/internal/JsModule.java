package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.BoundFunctions;
import io.ggen.ffi.polyglot.ContextPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.osgi.service.log.Logger;

/**
 * A loaded JavaScript module: its cached {@link Source} and a {@link ContextPool} of contexts in
 * which it has been evaluated. The first context is made at load, so a module that does not
 * evaluate fails there; the others when calls need them.
 */
final class JsModule implements GuestModule {

    private final ModuleSpec spec;
    private final Source source;
    private final JsSandbox sandbox;
    private final Path nodeModules;
    private final Logger logger;
    private final Consumer<JsModule> onClose;
    private final ContextPool<JsContext> pool;
    private final Set<String> functions;
    private final BoundFunctions<JsFunction> bound;
    /** The signatures once read; {@code null} before. */
    private volatile List<FunctionSignature> signatures;
    /** The load's context while the first context evaluates the module; then null. */
    private volatile CallContext loading;

    /**
     * Evaluates the module in its first context.
     *
     * @param nodeModules the folder {@code require} reads, or {@code null}
     * @param load the load's context: cancelling it (its timeout) stops the evaluation; or {@code null}
     * @param onClose told when the module closes
     * @throws ForeignException the module does not evaluate: a syntax error or what its code threw
     */
    JsModule(ModuleSpec spec, Source source, JsSandbox sandbox, Path nodeModules, JsSettings settings,
             Logger logger, CallContext load, Consumer<JsModule> onClose) {
        this.spec = spec;
        this.source = source;
        this.sandbox = sandbox;
        this.nodeModules = nodeModules;
        this.logger = logger;
        this.onClose = onClose;
        this.pool = new ContextPool<>(settings.poolSize(), this::newContext, spec.describe(),
            settings.interruptGrace().toNanos(), JsErrors.ERRORS, logger);
        this.loading = load;
        JsContext first;
        try {
            first = pool.acquire(null);
        } finally {
            this.loading = null;
        }
        this.functions = first.definedFunctions();
        this.bound = new BoundFunctions<>(functions, this::isGlobalFunction, (name, id) -> new JsFunction(this, name, id),
            JsErrors.GUEST, spec.describe(), "global functions");
        pool.release(first);
    }

    private JsContext newContext(int index) {
        Context context;
        try {
            context = sandbox.newContext(nodeModules);
        } catch (PolyglotException e) {
            throw JsErrors.toForeign(e, "starting a context for " + spec.describe(), false);
        }
        CallContext load = loading;
        if (load != null && load.isCancellable()) {
            // Top-level code that runs past the load's timeout: cancel it by closing its context.
            load.onCancel(() -> context.close(true));
        }
        try {
            return new JsContext(index, context, source, sandbox.hasStatementLimit());
        } catch (PolyglotException e) {
            ForeignException failure = JsErrors.toForeign(e, "loading " + spec.describe(), false);
            context.close(true);
            throw failure;
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    ModuleSpec spec() {
        return spec;
    }

    ContextPool<JsContext> pool() {
        return pool;
    }

    @Override
    public Set<String> functions() {
        return functions;
    }

    /**
     * Binds a global function of the module, or a global built-in function (e.g. {@code parseInt}).
     * The same name gives the same {@link JsFunction}.
     */
    @Override
    public GuestFunction function(String name) {
        return bound.get(name);
    }

    /**
     * What JavaScript tells of the module's global functions: {@code fn.length} required parameters
     * of type {@code any} (named as in the source when the list is plain names, else {@code arg0}...),
     * a result of type {@code any}, and variadic, since a JavaScript function takes extra arguments.
     * Read once and kept.
     */
    @Override
    public List<FunctionSignature> signatures() {
        List<FunctionSignature> known = signatures;
        if (known != null) {
            return known;
        }
        signatures = pool.run(null, "reading the signatures of " + spec.describe(), context -> {
            List<FunctionSignature> read = new ArrayList<>();
            Value globals = context.context().getBindings(JsErrors.LANGUAGE_ID);
            for (String name : functions) {
                Value function = globals.getMember(name);
                if (function == null || !function.canExecute()) {
                    continue;
                }
                List<FunctionSignature.Parameter> parameters = context.parameterNames(function).stream()
                    .map(parameter -> new FunctionSignature.Parameter(parameter, FunctionSignature.ANY, false))
                    .toList();
                read.add(new FunctionSignature(name, parameters, FunctionSignature.ANY, "", true));
            }
            read.sort(Comparator.comparing(FunctionSignature::name));
            return List.copyOf(read);
        });
        return signatures;
    }

    private boolean isGlobalFunction(String name) {
        return pool.run(null, "looking up " + name, context -> {
            Value member = context.context().getBindings(JsErrors.LANGUAGE_ID).getMember(name);
            return member != null && member.canExecute();
        });
    }

    /** Closes every context, cancelling running calls. Idempotent. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            onClose.accept(this);
            logger.debug("Closed JavaScript module {}", spec.describe());
        }
    }

    @Override
    public String toString() {
        return "JsModule[" + spec.describe() + "]";
    }
}
