package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import io.ggen.ffi.tracing.TraceAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;

/**
 * The span of the crossing into the bridge, named {@code BRIDGE FUNCTION}: a child of the call's
 * span, innermost but for the micro-batching interceptors (ranking {@value #RANKING}: inside the
 * cache at 500, outside batching at -1000, so its time includes a micro-batch's wait). A call the
 * cache answers never reaches it: that is how the call's span knows it was a cache hit.
 */
final class BridgeSpanInterceptor implements CallInterceptor {

    static final int RANKING = -999;

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        CallState state = CallState.current();
        if (state == null) {
            return next.proceed();   // a call not traced (or one that began before tracing was switched on)
        }
        state.reachedBridge = true;
        FunctionId id = invocation.functionId();
        Span span = state.tracer.spanBuilder(id.bridge() + " " + id.function())
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(TraceAttributes.BRIDGE, id.bridge())
            .setAttribute(TraceAttributes.FUNCTION, id.function())
            .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return next.proceed();
        } catch (RuntimeException e) {
            CallSpanInterceptor.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }
}
