package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.polyglot.PooledFunction;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * A bound function of a {@link PyModule}: the shared {@link PooledFunction} call path; the module
 * is loaded again in the held context if its file changed, and the function is executed through
 * the context's call helper (the function first, then the arguments).
 */
final class PyFunction extends PooledFunction<PyContext> {

    private final PyModule module;

    PyFunction(PyModule module, String name, int id) {
        super(module.pool(), name, id);
        this.module = module;
    }

    @Override
    protected PyContext contextOf(ForeignHandle handle) {
        return handle instanceof PyHandle py && py.module() == module ? py.context() : null;
    }

    @Override
    protected void prepare(PyContext context) {
        context.ensureCurrent(module.version());
    }

    @Override
    protected Object[] toGuest(List<ForeignValue> args, int size, Value function, PyContext context) {
        // Through a call helper: f and the arity first, then the arguments.
        Object[] guestArgs = PyContext.callArguments(function, size);
        for (int i = 0; i < size; i++) {
            guestArgs[PyContext.FIRST_ARGUMENT + i] = PyValues.toGuest(args.get(i), context, module);
        }
        return guestArgs;
    }

    @Override
    protected ForeignValue execute(Value function, Object[] guestArgs, PyContext context) {
        Value result = context.call(guestArgs);
        ForeignValue.IntValue integer = integerResult(result);
        if (integer == null) {
            return PyValues.resultToForeign(result, context, module);
        }
        // A bool is an int too, but only ever 0 or 1: any other integer needs no second polyglot call.
        return (integer.value() & ~1L) == 0 && result.isBoolean() ? ForeignValue.of(integer.value() != 0) : integer;
    }

    @Override
    protected String describeModule() {
        return module.spec().describe();
    }
}
