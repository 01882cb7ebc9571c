package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A JavaScript object that has no neutral form (a function, a class instance, a Date, a
 * Promise...), kept in the pooled context it lives in. {@link #invoke} takes that context for the
 * time of the call; {@link #release()} drops the reference so the garbage collector can take the
 * object. The object dies with its context: after a cancelled call closed that context, or with
 * the module.
 */
final class JsHandle implements ForeignHandle {

    private final PooledContext context;
    private final JsModule module;
    private final String typeName;
    private volatile Value value;

    /** Called while holding the context. */
    JsHandle(Value value, PooledContext context, JsModule module) {
        this.value = value;
        this.context = context;
        this.module = module;
        this.typeName = typeName(value);
    }

    private static String typeName(Value value) {
        try {
            if (value.canExecute()) {
                return "Function";
            }
            Value meta = value.getMetaObject();
            return meta == null ? "object" : meta.getMetaSimpleName();
        } catch (PolyglotException | UnsupportedOperationException e) {
            // A meta object without a name (e.g. a Proxy trap that throws): it is still an object.
            return "object";
        }
    }

    PooledContext context() {
        return context;
    }

    JsModule module() {
        return module;
    }

    /** The object, for passing it back to its context; fails when released. */
    Value value() {
        Value v = value;
        if (v == null) {
            throw new ForeignArgumentException(JsErrors.LANGUAGE, "the JavaScript " + typeName + " handle was released");
        }
        return v;
    }

    @Override
    public String language() {
        return JsErrors.LANGUAGE;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public boolean isReleased() {
        return value == null;
    }

    @Override
    public void release() {
        value = null;
    }

    /**
     * Calls a method of the object; the member {@code ""} calls the object itself when it is a
     * function.
     */
    @Override
    public ForeignValue invoke(String member, List<ForeignValue> args) {
        Value target = value();
        String what = "the call to " + typeName + (member.isEmpty() ? "" : "." + member);
        PooledContext held = module.pool().acquire(context, null, ContextPool.UNGUARDED);
        try {
            Object[] guestArgs = new Object[args.size()];
            for (int i = 0; i < guestArgs.length; i++) {
                guestArgs[i] = JsValues.toGuest(args.get(i), held, module);
            }
            Value result;
            if (member.isEmpty()) {
                if (!target.canExecute()) {
                    throw new NoSuchFunctionException(JsErrors.LANGUAGE, "the JavaScript " + typeName
                        + " is not a function: name a method to call");
                }
                result = target.execute(guestArgs);
            } else {
                if (!target.canInvokeMember(member)) {
                    throw new NoSuchFunctionException(JsErrors.LANGUAGE, "the JavaScript " + typeName
                        + " has no method " + member + "; its members: " + target.getMemberKeys());
                }
                result = target.invokeMember(member, guestArgs);
            }
            return JsValues.toForeign(result, held, module);
        } catch (PolyglotException e) {
            if (JsErrors.breaksContext(e)) {
                held.markBroken();
            }
            throw JsErrors.toForeign(e, what, module.pool().isClosed());
        } catch (IllegalStateException e) {
            held.markBroken();
            throw JsErrors.unusable(e, what, module.pool().isClosed());
        } finally {
            module.pool().release(held, ContextPool.UNGUARDED);
        }
    }

    @Override
    public String toString() {
        return "JsHandle[" + typeName + (isReleased() ? ", released]" : "]");
    }
}
