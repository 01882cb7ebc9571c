package io.ggen.ffi.runtime.internal;

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
 * One call through the interceptors, then the bridge. It is its own chain: each
 * {@link #proceed()} moves one step on, so a call allocates nothing per interceptor. An
 * interceptor calls {@code proceed()} at most once (the SPI says so).
 */
final class RuntimeInvocation implements Invocation, CallInterceptor.Chain {

    private final FunctionId functionId;
    private final String language;
    private final ModuleSpec module;
    private final List<ForeignValue> args;
    private final CallContext context;
    private final CallInterceptor[] interceptors;
    private final GuestFunction target;
    private final long generation;
    private int next;

    RuntimeInvocation(FunctionId functionId, String language, ModuleSpec module, List<ForeignValue> args,
                      CallContext context, CallInterceptor[] interceptors, GuestFunction target, long generation) {
        this.functionId = functionId;
        this.language = language;
        this.module = module;
        this.args = args;
        this.context = context;
        this.interceptors = interceptors;
        this.target = target;
        this.generation = generation;
    }

    @Override
    public ForeignValue proceed() {
        int index = next++;
        if (index < interceptors.length) {
            return interceptors[index].intercept(this, this);
        }
        if (index == interceptors.length) {
            return target.call(args, context);
        }
        throw new IllegalStateException("an interceptor called proceed() twice for " + functionId);
    }

    @Override public FunctionId functionId() { return functionId; }
    @Override public String language() { return language; }
    @Override public ModuleSpec module() { return module; }
    @Override public List<ForeignValue> args() { return args; }
    @Override public CallContext context() { return context; }
    @Override public long moduleGeneration() { return generation; }
    @Override public Optional<GuestFunction> guestFunction() { return Optional.of(target); }
}
