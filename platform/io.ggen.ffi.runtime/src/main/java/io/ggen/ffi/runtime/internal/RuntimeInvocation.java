package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.util.List;
import java.util.Optional;

/**
 * One call through the interceptors, then the bridge. It is its own chain: {@link #start()} runs
 * the first interceptor and each {@link #proceed()} moves one step on, so a call allocates nothing
 * per interceptor. An interceptor calls {@code proceed()} at most once (the SPI says so).
 */
final class RuntimeInvocation implements Invocation, CallInterceptor.Chain {

    private final RuntimeFunction.Bound target;
    private final List<ForeignValue> args;
    private final CallContext context;
    private final CallInterceptor[] interceptors;
    private int next;

    RuntimeInvocation(RuntimeFunction.Bound target, List<ForeignValue> args, CallContext context,
                      CallInterceptor[] interceptors) {
        this.target = target;
        this.args = args;
        this.context = context;
        this.interceptors = interceptors;
    }

    /** Runs the call: the first interceptor, which proceeds to the next, the last to the bridge. */
    ForeignValue start() {
        next = 1;
        return interceptors[0].intercept(this, this);
    }

    /**
     * The next step. Calls are started by {@link #start()}, not here: so with one interceptor this
     * only ever reaches the bridge, and the compiler sees no recursion through it.
     */
    @Override
    public ForeignValue proceed() {
        int index = next++;
        if (index == interceptors.length) {
            return target.call(args, context);
        }
        if (index < interceptors.length) {
            return interceptors[index].intercept(this, this);
        }
        throw new IllegalStateException("an interceptor called proceed() twice for " + target.id());
    }

    @Override public FunctionId functionId() { return target.id(); }
    @Override public String language() { return target.language(); }
    @Override public ModuleSpec module() { return target.spec(); }
    @Override public List<ForeignValue> args() { return args; }
    @Override public CallContext context() { return context; }
    @Override public long moduleGeneration() { return target.binding().generation(); }
    @Override public Optional<GuestFunction> guestFunction() { return Optional.of(target.guarded()); }

    /** A micro-batch this call leads: the interceptors' {@code interceptBatch}, then the bridge. */
    @Override
    public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext batchContext) {
        return Chains.batch(interceptors, target.batch(argsList.size(), true, batchContext.options()),
            () -> target.guarded().callBatch(argsList, batchContext));
    }
}
