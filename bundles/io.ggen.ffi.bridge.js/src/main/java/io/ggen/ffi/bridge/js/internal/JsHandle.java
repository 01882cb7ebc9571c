package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.polyglot.ContextPool;
import io.ggen.ffi.polyglot.GuestHandle;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A JavaScript object that has no neutral form (a function, a class instance, a Date, a
 * Promise...), kept in the pooled context it lives in. {@link #invoke} takes that context for the
 * time of the call; {@link #release()} drops the reference so the garbage collector can take the
 * object. The object dies with its context: after a cancelled call closed that context, or with
 * the module.
 */
final class JsHandle extends GuestHandle<JsContext> {

    private final JsModule module;

    /** Called while holding the context. */
    JsHandle(Value value, JsContext context, JsModule module) {
        super(value, context, JsErrors.GUEST, typeName(value));
        this.module = module;
    }

    private static String typeName(Value value) {
        try {
            if (value.canExecute()) {
                return "Function";
            }
        } catch (PolyglotException | UnsupportedOperationException e) {
            // A proxy trap that throws: it is still an object.
            return "object";
        }
        return GuestHandle.metaName(value, "object");
    }

    JsModule module() {
        return module;
    }

    @Override
    protected ContextPool<JsContext> pool() {
        return module.pool();
    }

    @Override
    protected Object toGuest(ForeignValue value, JsContext held) {
        return JsValues.toGuest(value, held, module);
    }

    @Override
    protected ForeignValue toForeign(Value value, JsContext held) {
        return JsValues.toForeign(value, held, module);
    }

    /** Calls a method of the object; the member {@code ""} calls the object itself when it is a function. */
    @Override
    protected Value call(Value target, String member, Object[] args) {
        if (member.isEmpty()) {
            if (!target.canExecute()) {
                throw new NoSuchFunctionException(JsErrors.LANGUAGE, "the JavaScript " + typeName()
                    + " is not a function: name a method to call");
            }
            return target.execute(args);
        }
        if (!target.canInvokeMember(member)) {
            throw new NoSuchFunctionException(JsErrors.LANGUAGE, "the JavaScript " + typeName()
                + " has no method " + member + "; its members: " + target.getMemberKeys());
        }
        return target.invokeMember(member, args);
    }
}
