package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bound function of a module whose contexts live in a {@link ContextPool}: the call path every
 * Polyglot bridge shares. A call checks for cancellation, takes a context (the one a handle
 * argument lives in, else any; the pool guards it while a call that can be cancelled holds it),
 * looks up the function {@link Value} cached in that context, converts the arguments, executes, converts the result,
 * maps errors through the bridge's {@link PolyglotErrors} and gives the context back. No lookup by
 * name, map or lambda on the way; a bridge fills in only what its language does differently.
 * The distribution's compiler commands ({@code conf/hotspot_compiler}) have {@link #call} inlined
 * into its callers, which its size alone would not allow: a new name for it goes there too.
 *
 * @param <C> the bridge's context type
 */
@ConsumerType
public abstract class PooledFunction<C extends PooledContext> implements GuestFunction {

    private final ContextPool<C> pool;
    private final GuestLanguage language;
    private final String name;
    private final int id;
    private final String what;
    /**
     * Whether every result so far was a 64-bit integer: while it is, the next is read as one straight
     * away ({@link #integerResult}). Racy on purpose: a thread that misses the clearing tries once more.
     */
    private boolean integerResults = true;

    /**
     * @param pool the module's contexts
     * @param name the function's name in the module
     * @param id a small number the module gave the function, dense from 0 (see {@link PooledContext#function})
     */
    protected PooledFunction(ContextPool<C> pool, String name, int id) {
        this.pool = pool;
        this.language = pool.language();
        this.name = name;
        this.id = id;
        this.what = "the call to " + name;
    }

    /** The function's name in the module. */
    public final String name() {
        return name;
    }

    @Override
    public final ForeignValue call(List<ForeignValue> args, CallContext call) {
        if (call.isCancelled()) {
            throw new ForeignCancellationException(language.language(),
                what + " was cancelled before it started");
        }
        int size = args.size();
        C context = null;
        for (int i = 0; i < size; i++) {
            // A handle argument can only be used in its own context: take that one.
            if (args.get(i) instanceof ForeignValue.HandleValue h) {
                C own = contextOf(h.handle());
                if (own != null) {
                    context = pool.acquire(own, call);
                    break;
                }
            }
        }
        if (context == null) {
            context = pool.acquire(call);
        }
        try {
            prepare(context);
            Value function = context.function(id, name);
            if (function == null) {
                throw new NoSuchFunctionException(language.language(), "the "
                    + language.displayName() + " module " + describeModule()
                    + " no longer has a function " + name);
            }
            Object[] guestArgs = toGuest(args, size, function, context);
            context.beforeCall();
            return execute(function, guestArgs, context);
        } catch (PolyglotException | IllegalStateException e) {
            throw pool.failure(context, e, what);
        } finally {
            pool.release(context);
        }
    }

    /**
     * The context a handle argument lives in, when it is a handle of this function's module.
     *
     * @return its context, or {@code null} when the handle belongs elsewhere (the call then takes any context)
     */
    protected abstract C contextOf(ForeignHandle handle);

    /**
     * Readies the held context before the function is looked up (e.g. loads the module again when
     * its source changed). Does nothing by default.
     */
    protected void prepare(C context) {
    }

    /**
     * The guest arguments of the call, in the order {@link #execute} wants them.
     *
     * @param args the call's arguments
     * @param size their number
     * @param function the function, for languages that pass it along (a call helper)
     * @param context the held context
     */
    protected abstract Object[] toGuest(List<ForeignValue> args, int size, Value function, C context);

    /**
     * Executes the function and converts its result; the statement limit is already reset.
     *
     * @param function the function
     * @param guestArgs what {@link #toGuest} gave
     * @param context the held context
     */
    protected abstract ForeignValue execute(Value function, Object[] guestArgs, C context);

    /**
     * The result as a 64-bit integer, read with one polyglot call (asking first would be a second)
     * while this function's results have all been such integers; {@code null} when it is not one, and
     * from then on for every result (the caller then converts it the general way).
     */
    protected final ForeignValue.IntValue integerResult(Value result) {
        if (integerResults) {
            try {
                return ForeignValue.of(result.asLong());
            } catch (ClassCastException | NullPointerException e) {   // not a number that fits, or null
                integerResults = false;
            }
        }
        return null;
    }

    /** The module, for messages: as {@code ModuleSpec.describe()} gives it. */
    protected abstract String describeModule();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + " of " + describeModule() + "]";
    }
}
