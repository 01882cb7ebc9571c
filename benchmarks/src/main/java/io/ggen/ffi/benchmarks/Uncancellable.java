package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.spi.CallContext;

/** What the runtime gives a bridge for a plain call: default options, nothing can cancel it. */
enum Uncancellable implements CallContext {
    CONTEXT;

    @Override public CallOptions options() { return CallOptions.DEFAULT; }
    @Override public boolean isCancellable() { return false; }
    @Override public boolean isCancelled() { return false; }
    @Override public void onCancel(Runnable action) { }
}
