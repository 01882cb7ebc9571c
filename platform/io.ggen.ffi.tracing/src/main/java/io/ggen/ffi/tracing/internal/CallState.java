package io.ggen.ffi.tracing.internal;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * What the call's span tells the bridge's span inside it, through the OpenTelemetry context made
 * current around the rest of the pipeline: the tracer to use, and whether the call got past the
 * cache to the bridge.
 */
final class CallState {

    static final ContextKey<CallState> KEY = ContextKey.named("ggen.ffi.call");

    final Tracer tracer;
    /** Set by the bridge's span: the call went past the cache. Read on the same thread. */
    boolean reachedBridge;

    CallState(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The state of the call running on this thread, or null. */
    static CallState current() {
        return Context.current().get(KEY);
    }
}
