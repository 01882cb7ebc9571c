package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import io.ggen.ffi.tracing.TraceAttributes;
import io.ggen.ffi.tracing.TraceRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * The span of a foreign call: outermost in the pipeline (ranking {@value #RANKING}, outside the
 * metrics), a child of the caller's current OpenTelemetry context (or of the recording the call's
 * options name), and current itself while the rest of the pipeline and the bridge run, so a bridge
 * running on the calling thread can read it. Its attributes are {@link TraceAttributes}'.
 *
 * <p>Registered only while tracing is on (see {@link TracingService}). With no exporter configured
 * it is registered only while a recording is open, and then passes every other call straight on.
 */
final class CallSpanInterceptor implements CallInterceptor {

    static final int RANKING = 1100;
    static final String BATCH_WINDOW = "batch.window.ms";

    private final Tracer tracer;
    private final boolean traceEveryCall;
    private final Recordings recordings;

    /**
     * @param traceEveryCall whether calls outside recordings are traced (an exporter is configured)
     */
    CallSpanInterceptor(Tracer tracer, boolean traceEveryCall, Recordings recordings) {
        this.tracer = tracer;
        this.traceEveryCall = traceEveryCall;
        this.recordings = recordings;
    }

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        CallOptions options = invocation.context().options();
        Map<String, String> attributes = options.attributes();
        Context parent = attributes.isEmpty() ? null : recordings.context(attributes.get(TraceRecorder.RECORDING_ATTRIBUTE));
        if (parent == null) {
            if (!traceEveryCall) {
                return next.proceed();
            }
            parent = Context.current();
        }
        Span span = start(invocation, options, parent);
        CallState state = new CallState(tracer);
        try (Scope ignored = parent.with(span).with(CallState.KEY, state).makeCurrent()) {
            return next.proceed();
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            if (options.isPure()) {
                span.setAttribute(TraceAttributes.CACHE_HIT, !state.reachedBridge);
            }
            span.end();
        }
    }

    private Span start(Invocation invocation, CallOptions options, Context parent) {
        FunctionId id = invocation.functionId();
        SpanBuilder builder = tracer.spanBuilder("call " + id.function())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(TraceAttributes.LANGUAGE, invocation.language())
            .setAttribute(TraceAttributes.BRIDGE, id.bridge())
            .setAttribute(TraceAttributes.FUNCTION, id.function())
            .setAttribute(TraceAttributes.MODULE, id.module());
        ModuleSpec module = invocation.module();
        module.option(ModuleSpec.ISOLATION).ifPresent(isolation -> builder.setAttribute(TraceAttributes.ISOLATION, isolation));
        options.attribute(BATCH_WINDOW).ifPresent(window -> builder.setAttribute(TraceAttributes.BATCH_WINDOW_MS, window));
        return builder.startSpan();
    }

    /** Marks the span failed: status, error type, the foreign type when there is one, the exception as an event. */
    static void failed(Span span, RuntimeException e) {
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        span.setAttribute(TraceAttributes.ERROR_TYPE, e.getClass().getName());
        if (e instanceof ForeignException foreign && foreign.foreignType() != null) {
            span.setAttribute(TraceAttributes.FOREIGN_ERROR_TYPE, foreign.foreignType());
        }
        span.recordException(e);
    }
}
