package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.polyglot.CallGuard;
import io.ggen.ffi.polyglot.ContextPool;
import io.ggen.ffi.polyglot.PolyglotErrors;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A bound function of a {@link PyModule}. A call takes a context from the pool, loads the module
 * again there if its file changed, converts the arguments, executes the function {@link Value}
 * cached in that context, converts the result and gives the context back.
 */
final class PyFunction implements GuestFunction {

    private final PyModule module;
    private final ContextPool<PyContext> pool;
    private final String name;
    private final int id;
    private final String what;

    PyFunction(PyModule module, String name, int id) {
        this.module = module;
        this.pool = module.pool();
        this.name = name;
        this.id = id;
        this.what = "the call to " + name;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext call) {
        if (call.isCancelled()) {
            throw new ForeignCancellationException(PyErrors.LANGUAGE, what + " was cancelled before it started");
        }
        int size = args.size();
        // A call nothing can cancel needs no guard: it holds its slot with the shared token.
        CallGuard guard = call.isCancellable() ? new CallGuard(pool) : null;
        Object token = guard == null ? ContextPool.UNGUARDED : guard;
        PyContext context = null;
        for (int i = 0; i < size; i++) {
            // A handle argument can only be used in its own context: take that one.
            if (args.get(i) instanceof ForeignValue.HandleValue h && h.handle() instanceof PyHandle py
                && py.module() == module) {
                context = pool.acquire(py.context(), call, token);
                break;
            }
        }
        if (context == null) {
            context = pool.acquire(call, token);
        }
        try {
            if (guard != null) {
                guard.attach(context);
                call.onCancel(guard);
            }
            context.ensureCurrent(module.version());
            Value function = context.function(id, name);
            if (function == null) {
                throw new NoSuchFunctionException(PyErrors.LANGUAGE, "the Python module " + module.spec().describe()
                    + " no longer has a function " + name);
            }
            // Through the call helper: f first, then the arguments.
            Object[] guestArgs = new Object[size + 1];
            guestArgs[0] = function;
            for (int i = 0; i < size; i++) {
                guestArgs[i + 1] = PyValues.toGuest(args.get(i), context, module);
            }
            context.beforeCall();
            return PyValues.resultToForeign(context.call.execute(guestArgs), context, module);
        } catch (PolyglotException e) {
            if (PolyglotErrors.breaksContext(e)) {
                context.markBroken();
            }
            throw PyErrors.toForeign(e, what, pool.isClosed());
        } catch (IllegalStateException e) {
            context.markBroken();
            throw PyErrors.ERRORS.unusable(e, what, pool.isClosed());
        } finally {
            pool.release(context, token);
        }
    }

    @Override
    public String toString() {
        return "PyFunction[" + name + " of " + module.spec().describe() + "]";
    }
}
