package io.ggen.ffi.polyglot;

import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One context of a module's {@link ContextPool}, with the module loaded in it and the function
 * {@link Value}s bound so far. Used by one thread at a time: whoever took it from the pool. A
 * bridge subclasses it with what its language keeps per context (helpers, the module object...).
 */
@ConsumerType
public abstract class PooledContext {

    private final int index;
    private final Context context;
    private final boolean resetLimits;
    private Value[] functions = new Value[8];
    private volatile boolean broken;

    /**
     * @param index the pool slot it lives in (given to the pool's factory)
     * @param context the context, owned from now on
     * @param resetLimits whether to reset the statement count before each call (a statement limit is set)
     */
    protected PooledContext(int index, Context context, boolean resetLimits) {
        this.index = index;
        this.context = context;
        this.resetLimits = resetLimits;
    }

    /** Its slot in the pool. */
    public final int index() {
        return index;
    }

    /** The polyglot context. */
    public final Context context() {
        return context;
    }

    /** Prepares a call: resets the statement count when there is a statement limit. */
    public final void beforeCall() {
        if (resetLimits) {
            context.resetLimits();
        }
    }

    /**
     * The function bound to {@code id}, looked up by {@link #lookupFunction(String)} the first time
     * in this context.
     *
     * @param id a small number the module gave the function, dense from 0
     * @return the function, or {@code null} when the module has no such function
     */
    public final Value function(int id, String name) {
        Value[] cache = functions;
        if (id < cache.length) {
            Value function = cache[id];
            if (function != null) {
                return function;
            }
        }
        Value function = lookupFunction(name);
        if (function == null || !function.canExecute()) {
            return null;
        }
        if (id >= functions.length) {
            functions = Arrays.copyOf(functions, Math.max(id + 1, functions.length * 2));
        }
        functions[id] = function;
        return function;
    }

    /** Forgets the functions looked up so far (the module was loaded again in this context). */
    protected final void forgetFunctions() {
        functions = new Value[functions.length];
    }

    /**
     * Finds a function of the module by name in this context.
     *
     * @return the value, or {@code null}; it is used only if executable
     */
    protected abstract Value lookupFunction(String name);

    /** Whether it was closed or must be replaced. */
    public final boolean isBroken() {
        return broken;
    }

    /** Marks it for replacement; the pool closes it when it comes back. */
    public final void markBroken() {
        broken = true;
    }

    /**
     * Closes the context; with {@code cancel}, running code is stopped and its caller gets an error.
     * Idempotent.
     *
     * @return the failure to report, or {@code null}
     */
    public final RuntimeException close(boolean cancel) {
        broken = true;
        try {
            context.close(cancel);
            return null;
        } catch (RuntimeException e) {
            // Closing a context that is already closed or being closed by another thread.
            return e;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + index + (broken ? ", broken]" : "]");
    }
}
