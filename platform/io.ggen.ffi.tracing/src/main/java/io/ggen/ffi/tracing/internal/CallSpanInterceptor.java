package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.BatchResult;
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
import java.util.List;
import java.util.Map;

/**
 * The span of a foreign call: outermost in the pipeline (ranking {@value #RANKING}, outside the
 * metrics), a child of the caller's current OpenTelemetry context (or of the recording the call's
 * options name), and current itself while the rest of the pipeline and the bridge run, so a bridge
 * running on the calling thread can read it. Its attributes are {@link TraceAttributes}'. It
 * makes the spans of a module's load and of a batch too, the same way.
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
        Context parent = parent(options);
        if (parent == null) {
            return next.proceed();
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

    /** The span of a module's load, {@code load LANGUAGE}, current while the bridge (or the isolate) loads it. */
    @Override
    public void interceptLoad(Load load, LoadChain next) {
        Context parent = parent(load.options());
        if (parent == null) {
            next.proceed();
            return;
        }
        ModuleSpec module = load.module();
        SpanBuilder builder = tracer.spanBuilder("load " + module.language())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(TraceAttributes.LANGUAGE, module.language())
            .setAttribute(TraceAttributes.BRIDGE, load.bridge().name())
            .setAttribute(TraceAttributes.MODULE, module.describe());
        module.option(ModuleSpec.ISOLATION).ifPresent(isolation -> builder.setAttribute(TraceAttributes.ISOLATION, isolation));
        Span span = builder.startSpan();
        try (Scope ignored = parent.with(span).makeCurrent()) {
            next.proceed();
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The span of a batch, {@code batch FUNCTION}, with its size: a micro-batch's under the span of
     * the call that leads it (current here), an explicit batch's under the caller's; current while
     * the bridge runs it, so a worker's or an isolate's span comes under it.
     */
    @Override
    public List<BatchResult> interceptBatch(Batch batch, BatchChain next) {
        Context parent = CallState.current() != null ? Context.current() : parent(batch.options());
        if (parent == null) {
            return next.proceed();
        }
        Span span = functionSpan("batch ", batch.functionId(), batch.language(), batch.module(), parent)
            .setAttribute(TraceAttributes.BATCH_SIZE, (long) batch.size())
            .setAttribute(TraceAttributes.BATCH_KIND, batch.micro() ? "micro" : "explicit")
            .startSpan();
        try (Scope ignored = parent.with(span).makeCurrent()) {
            return next.proceed();
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The context a call, load or batch with these options is traced in: the recording's its options
     * name, else the caller's current one when every call is traced; null when it is not traced.
     */
    private Context parent(CallOptions options) {
        Map<String, String> attributes = options.attributes();
        Context parent = attributes.isEmpty() ? null : recordings.context(attributes.get(TraceRecorder.RECORDING_ATTRIBUTE));
        return parent != null ? parent : traceEveryCall ? Context.current() : null;
    }

    private Span start(Invocation invocation, CallOptions options, Context parent) {
        SpanBuilder builder = functionSpan("call ", invocation.functionId(), invocation.language(), invocation.module(),
            parent);
        options.attribute(BATCH_WINDOW).ifPresent(window -> builder.setAttribute(TraceAttributes.BATCH_WINDOW_MS, window));
        return builder.startSpan();
    }

    /** A span about one function ({@code KIND FUNCTION}), with what names it and its module's isolation. */
    private SpanBuilder functionSpan(String kind, FunctionId id, String language, ModuleSpec module, Context parent) {
        SpanBuilder builder = tracer.spanBuilder(kind + id.function())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(TraceAttributes.LANGUAGE, language)
            .setAttribute(TraceAttributes.BRIDGE, id.bridge())
            .setAttribute(TraceAttributes.FUNCTION, id.function())
            .setAttribute(TraceAttributes.MODULE, id.module());
        module.option(ModuleSpec.ISOLATION).ifPresent(isolation -> builder.setAttribute(TraceAttributes.ISOLATION, isolation));
        return builder;
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
