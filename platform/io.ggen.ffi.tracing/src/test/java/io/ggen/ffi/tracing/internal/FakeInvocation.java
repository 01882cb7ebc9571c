package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.util.List;

/** A call to {@code add} in an inline JavaScript module through the {@code graaljs} bridge, with these options. */
record FakeInvocation(ModuleSpec module, CallOptions options) implements Invocation {

    static final FunctionId ADD = new FunctionId("graaljs", "<inline javascript>", "add");

    FakeInvocation(CallOptions options) {
        this(ModuleSpec.code("javascript", "function add(a, b) { return a + b; }"), options);
    }

    @Override public FunctionId functionId() { return ADD; }
    @Override public String language() { return "javascript"; }
    @Override public List<ForeignValue> args() { return List.of(ForeignValue.of(1), ForeignValue.of(2)); }

    @Override
    public CallContext context() {
        return new CallContext() {
            @Override public CallOptions options() { return options; }
            @Override public boolean isCancellable() { return false; }
            @Override public boolean isCancelled() { return false; }
            @Override public void onCancel(Runnable action) { }
        };
    }
}
