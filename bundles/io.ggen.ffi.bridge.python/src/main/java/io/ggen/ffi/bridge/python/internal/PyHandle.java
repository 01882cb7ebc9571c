package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.polyglot.ContextPool;
import io.ggen.ffi.polyglot.GuestHandle;
import org.graalvm.polyglot.Value;

/**
 * A Python object that has no neutral form (an instance of a class, a function, a set, a
 * generator...), kept in the pooled context it lives in. {@link #invoke} calls one of its methods
 * (or reads an attribute when it is not callable and no arguments are given) in that context.
 */
final class PyHandle extends GuestHandle<PyContext> {

    private final PyModule module;

    /** Called while holding the context. */
    PyHandle(Value value, PyContext context, PyModule module) {
        super(value, context, PyErrors.GUEST, GuestHandle.metaName(value, "object"));
        this.module = module;
    }

    PyModule module() {
        return module;
    }

    @Override
    protected ContextPool<PyContext> pool() {
        return module.pool();
    }

    @Override
    protected Object toGuest(ForeignValue value, PyContext held) {
        return PyValues.toGuest(value, held, module);
    }

    @Override
    protected ForeignValue toForeign(Value value, PyContext held) {
        return PyValues.toForeign(value, held, module);
    }

    /**
     * Calls a method of the object; the member {@code ""} calls the object itself when it is
     * callable. A member that is an attribute, not a method, is read when no arguments are given.
     */
    @Override
    protected Value call(Value target, String member, Object[] args) {
        if (member.isEmpty()) {
            if (!target.canExecute()) {
                throw new NoSuchFunctionException(PyErrors.LANGUAGE, "the Python " + typeName()
                    + " is not callable: name a method to call");
            }
            // through a call helper, as a module's functions are: executing it would make GraalPy's call node generic
            return context().call(target, args);
        }
        if (target.canInvokeMember(member)) {
            return target.invokeMember(member, args);
        }
        if (target.hasMember(member) && args.length == 0) {
            return target.getMember(member);
        }
        throw new NoSuchFunctionException(PyErrors.LANGUAGE, "the Python " + typeName()
            + " has no method " + member + "; its members: " + target.getMemberKeys().stream()
            .filter(k -> !k.startsWith("__")).toList());
    }
}
