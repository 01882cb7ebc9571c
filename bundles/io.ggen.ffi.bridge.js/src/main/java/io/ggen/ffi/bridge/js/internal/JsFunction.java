package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.polyglot.PooledFunction;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * A bound global function of a {@link JsModule}: the shared {@link PooledFunction} call path, the
 * function {@link Value} executed directly with the converted arguments.
 */
final class JsFunction extends PooledFunction<JsContext> {

    private final JsModule module;

    JsFunction(JsModule module, String name, int id) {
        super(module.pool(), name, id);
        this.module = module;
    }

    @Override
    protected JsContext contextOf(ForeignHandle handle) {
        return handle instanceof JsHandle js && js.module() == module ? js.context() : null;
    }

    @Override
    protected Object[] toGuest(List<ForeignValue> args, int size, Value function, JsContext context) {
        Object[] guestArgs = new Object[size];
        for (int i = 0; i < size; i++) {
            guestArgs[i] = JsValues.toGuest(args.get(i), context, module);
        }
        return guestArgs;
    }

    @Override
    protected ForeignValue execute(Value function, Object[] guestArgs, JsContext context) {
        Value result = function.execute(guestArgs);
        ForeignValue integer = integerResult(result);
        return integer != null ? integer : JsValues.toForeign(result, context, module);
    }

    @Override
    protected String describeModule() {
        return module.spec().describe();
    }
}
