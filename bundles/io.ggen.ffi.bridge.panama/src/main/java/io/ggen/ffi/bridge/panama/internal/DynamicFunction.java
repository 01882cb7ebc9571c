package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CResults;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A C function called by its signature with neutral values: one downcall handle made at bind time.
 * A function that takes only scalars is called through one handle from the arguments to the result
 * ({@link ScalarCall}: no arena, no boxing); others get their arguments spread over an
 * {@code Object[]} of carriers and a confined arena, closed when the call returns (memory passed in
 * is the call's).
 *
 * <p>When the function has pointers C may write and the caller passed values for them, the result is
 * a map: {@code return} and, per such parameter, what it holds after the call.
 */
final class DynamicFunction implements GuestFunction {

    private final CSignature signature;
    private final PanamaModule module;
    private final String where;
    private final int arity;
    private final MethodHandle invoker;
    /** The call of a function that takes only scalars; else null. */
    private final ScalarCall.Compiled scalarCall;
    private final ReturnValue returns;
    private final boolean errno;
    /** Whether C may write memory the caller gets back (pointers to non-const data). */
    private final boolean outs;
    private final boolean callbacks;
    private final CStrings.InvalidUtf8 policy;
    private final Set<String> kept;
    private final SegmentAllocator keeper;

    DynamicFunction(CSignature signature, MemorySegment address, PanamaModule module, ReturnValue returns,
                    boolean errno, CStrings.InvalidUtf8 policy, Set<String> kept, SegmentAllocator keeper) {
        this.signature = signature;
        this.module = module;
        this.kept = kept;
        this.keeper = keeper;
        this.where = signature.name() + " (" + module.libraryName() + ")";
        this.arity = signature.params().size();
        this.returns = returns;
        this.errno = errno;
        this.policy = policy;
        this.outs = signature.params().stream().anyMatch(p -> p.type().isOutPointer());
        this.callbacks = signature.params().stream().anyMatch(p -> p.type().kind() == CType.Kind.FUNCTION_POINTER);
        boolean scalarsOnly = !errno && !callbacks
            && signature.params().stream().noneMatch(p -> p.type().kind() == CType.Kind.POINTER);
        Linker.Option[] options = errno ? new Linker.Option[] {Errno.CAPTURE} : new Linker.Option[0];
        MethodHandle downcall = Linker.nativeLinker().downcallHandle(address, PanamaSignatures.descriptor(signature), options);
        int arity = signature.params().size() + (errno ? 1 : 0);
        this.scalarCall = scalarsOnly ? ScalarCall.of(downcall, signature, returns, where) : null;
        this.invoker = scalarsOnly ? null : downcall.asSpreader(Object[].class, arity)
            .asType(MethodType.methodType(Object.class, Object[].class));
    }

    CSignature signature() {
        return signature;
    }

    @Override
    public ForeignValue call(List<ForeignValue> args, CallContext context) {
        module.checkOpen();
        if (args.size() != arity) {
            signature.checkArity(args.size());   // throws, saying what the function takes
        }
        if (scalarCall != null) {
            return scalarCall.call(args);
        }
        try (Arena arena = Arena.ofConfined()) {
            return callWithMemory(args, arena);
        }
    }

    private ForeignValue callWithMemory(List<ForeignValue> args, Arena arena) {
        List<CParam> params = signature.params();
        int offset = errno ? 1 : 0;
        Object[] carriers = new Object[params.size() + offset];
        MemorySegment state = errno ? Errno.state(arena) : null;
        if (errno) {
            carriers[0] = state;
        }
        // what most calls (strings and buffers in) do not need is not made
        List<PointerArgument> pointers = outs ? new ArrayList<>() : List.of();
        List<Upcall> upcalls = callbacks ? new ArrayList<>() : List.of();
        for (int i = 0; i < params.size(); i++) {
            CParam p = params.get(i);
            if (p.type().kind() == CType.Kind.POINTER || p.type().kind() == CType.Kind.FUNCTION_POINTER) {
                PointerArgument pointer = PointerArgument.of(p, args.get(i), signature.name(),
                    kept.contains(p.name()) ? keeper : arena, arena, upcalls);
                if (outs) {
                    pointers.add(pointer);
                }
                carriers[i + offset] = pointer.segment();
            } else {
                carriers[i + offset] = CValues.toScalar(args.get(i), p.type(), p.name(), signature.name());
            }
        }
        Object result;
        try {
            result = invoke(carriers);
        } finally {
            // handles passed in (memory the caller owns) must not be reclaimed while C uses their address
            Reference.reachabilityFence(args);
        }
        for (Upcall upcall : upcalls) {
            upcall.rethrow();
        }
        if (errno && Errno.failed(result)) {
            throw Errno.exception(state, where);
        }
        ForeignValue value = returns.read(result, where);
        if (!outs) {
            return value;
        }
        Map<String, ForeignValue> after = new LinkedHashMap<>();
        for (PointerArgument pointer : pointers) {
            if (pointer.isOut()) {
                after.put(pointer.name(), pointer.after(policy, where));
            }
        }
        return CResults.of(value, after);
    }

    private Object invoke(Object[] carriers) {
        try {
            return invoker.invokeExact(carriers);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    private ForeignException failed(Throwable e) {
        return new ForeignException("c", e.getClass().getName(), "calling " + where + " failed: " + e.getMessage(),
            List.of(), e);
    }
}
