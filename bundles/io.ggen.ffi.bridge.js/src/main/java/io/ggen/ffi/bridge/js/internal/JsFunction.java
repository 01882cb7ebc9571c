package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.polyglot.CallGuard;
import io.ggen.ffi.polyglot.ContextPool;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A bound global function of a {@link JsModule}. A call takes a context from the pool, converts
 * the arguments, executes the function {@link Value} cached in that context, converts the result
 * and gives the context back; no lookup by name, map or lambda on the way.
 */
final class JsFunction implements GuestFunction {

    private final JsModule module;
    private final ContextPool<JsContext> pool;
    private final String name;
    private final int id;
    private final String what;

    JsFunction(JsModule module, String name, int id) {
        this.module = module;
        this.pool = module.pool();
        this.name = name;
        this.id = id;
        this.what = "the call to " + name;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext call) {
        if (call.isCancelled()) {
            throw new ForeignCancellationException(JsErrors.LANGUAGE, what + " was cancelled before it started");
        }
        int size = args.size();
        // A call nothing can cancel needs no guard: it holds its slot with the shared token.
        CallGuard guard = call.isCancellable() ? new CallGuard(pool) : null;
        Object token = guard == null ? ContextPool.UNGUARDED : guard;
        JsContext context = null;
        for (int i = 0; i < size; i++) {
            // A handle argument can only be used in its own context: take that one.
            if (args.get(i) instanceof ForeignValue.HandleValue h && h.handle() instanceof JsHandle js
                && js.module() == module) {
                context = pool.acquire(js.context(), call, token);
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
            Value function = context.function(id, name);
            if (function == null) {
                throw new NoSuchFunctionException(JsErrors.LANGUAGE, "the JavaScript module " + module.spec().describe()
                    + " no longer has a function " + name);
            }
            Object[] guestArgs = new Object[size];
            for (int i = 0; i < size; i++) {
                guestArgs[i] = JsValues.toGuest(args.get(i), context, module);
            }
            context.beforeCall();
            return JsValues.toForeign(function.execute(guestArgs), context, module);
        } catch (PolyglotException e) {
            if (JsErrors.breaksContext(e)) {
                context.markBroken();
            }
            throw JsErrors.toForeign(e, what, pool.isClosed());
        } catch (IllegalStateException e) {
            context.markBroken();
            throw JsErrors.unusable(e, what, pool.isClosed());
        } finally {
            pool.release(context, token);
        }
    }

    @Override
    public String toString() {
        return "JsFunction[" + name + " of " + module.spec().describe() + "]";
    }
}
