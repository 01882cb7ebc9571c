package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CResults;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * A C function called by its signature with neutral values through JNA's
 * {@link Function#invoke(Class, Object[])}: arguments are converted to JNA's carriers here (so JNA
 * does no string encoding of its own), memory made for the call is freed when it returns.
 *
 * <p>When the function has pointers C may write and the caller passed values for them, the result is
 * a map: {@code return} and, per such parameter, what it holds after the call.
 */
final class JnaFunction implements GuestFunction {

    private final CSignature signature;
    private final String where;
    private final Function function;
    private final JnaReturn returns;
    private final boolean errno;
    private final CStrings.InvalidUtf8 policy;
    private final Set<String> kept;
    private final List<Memory> keptMemory;

    JnaFunction(CSignature signature, Function function, String library, JnaReturn returns, boolean errno,
                CStrings.InvalidUtf8 policy, Set<String> kept, List<Memory> keptMemory) {
        this.kept = kept;
        this.keptMemory = keptMemory;
        this.signature = signature;
        this.where = signature.name() + " (" + library + ")";
        this.function = function;
        this.returns = returns;
        this.errno = errno;
        this.policy = policy;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext context) {
        signature.checkArity(args.size());
        List<Memory> memories = new ArrayList<>();
        List<JnaCallback> callbacks = new ArrayList<>();
        try {
            return callWith(args, memories, callbacks);
        } finally {
            memories.forEach(Memory::close);
            // the stubs C called must not be collected before C has returned
            Reference.reachabilityFence(callbacks);
        }
    }

    private ForeignValue callWith(List<ForeignValue> args, List<Memory> memories, List<JnaCallback> callbacks) {
        List<CParam> params = signature.params();
        Object[] carriers = new Object[params.size()];
        List<JnaArgument> pointers = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            CParam p = params.get(i);
            if (p.type().kind() == CType.Kind.POINTER || p.type().kind() == CType.Kind.FUNCTION_POINTER) {
                JnaArgument pointer = JnaArgument.of(p, args.get(i), signature.name(),
                    kept.contains(p.name()) ? keptMemory : memories, callbacks);
                pointers.add(pointer);
                carriers[i] = pointer.carrier();
            } else {
                carriers[i] = JnaTypes.toScalar(args.get(i), p.type(), p.name(), signature.name());
            }
        }
        Object result = invoke(carriers);
        int lastError = errno ? Native.getLastError() : 0;
        for (JnaCallback callback : callbacks) {
            callback.rethrow();
        }
        if (errno && JnaErrno.failed(result, returns.type().isPointer())) {
            throw JnaErrno.exception(lastError, where);
        }
        ForeignValue value = returns.read(result, where);
        Map<String, ForeignValue> outs = new LinkedHashMap<>();
        for (JnaArgument pointer : pointers) {
            if (pointer.isOut()) {
                outs.put(pointer.name(), pointer.after(policy, where));
            }
        }
        return CResults.of(value, outs);
    }

    private Object invoke(Object[] carriers) {
        try {
            return function.invoke(returns.carrier(), carriers);
        } catch (RuntimeException e) {
            throw new ForeignException("c", e.getClass().getName(), "calling " + where + " failed: " + e.getMessage(), List.of(), e);
        }
    }
}
