package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.polyglot.GuestHandle;
import java.util.List;
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

    /**
     * Calls a method of the object; the member {@code ""} calls the object itself when it is
     * callable. A member that is an attribute, not a method, is read when no arguments are given.
     */
    @Override
    public ForeignValue invoke(String member, List<ForeignValue> args) {
        Value target = value();
        String what = "the call to " + typeName() + (member.isEmpty() ? "" : "." + member);
        return module.pool().run(context(), what, held -> {
            Object[] guestArgs = new Object[args.size()];
            for (int i = 0; i < guestArgs.length; i++) {
                guestArgs[i] = PyValues.toGuest(args.get(i), held, module);
            }
            Value result;
            if (member.isEmpty()) {
                if (!target.canExecute()) {
                    throw new NoSuchFunctionException(PyErrors.LANGUAGE, "the Python " + typeName()
                        + " is not callable: name a method to call");
                }
                result = target.execute(guestArgs);
            } else if (target.canInvokeMember(member)) {
                result = target.invokeMember(member, guestArgs);
            } else if (target.hasMember(member) && guestArgs.length == 0) {
                result = target.getMember(member);
            } else {
                throw new NoSuchFunctionException(PyErrors.LANGUAGE, "the Python " + typeName()
                    + " has no method " + member + "; its members: " + target.getMemberKeys().stream()
                    .filter(k -> !k.startsWith("__")).toList());
            }
            return PyValues.toForeign(result, held, module);
        });
    }
}
