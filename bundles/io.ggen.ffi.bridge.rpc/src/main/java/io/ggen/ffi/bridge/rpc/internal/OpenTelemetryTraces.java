package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.Trace;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerSpan;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link WorkerTraces} on OpenTelemetry: the current span's context as a W3C {@code traceparent};
 * a worker's span recreated as a child of the span that was current when its call was sent, named
 * {@code LANGUAGE FUNCTION}, with the worker's times, attributes and error (a new span id: the worker's own one stays the worker's,
 * in its {@code worker.span_id} attribute).
 */
final class OpenTelemetryTraces implements WorkerTraces {

    static final String INSTRUMENTATION = "io.ggen.ffi.bridge.rpc";

    private final Tracer tracer;
    /**
     * The caller's context of the calls in flight, by the span id the worker sees as their parent, with
     * how many calls under that span are in flight (calls from threads that share a span).
     */
    private final Map<String, Parent> parents = new ConcurrentHashMap<>();

    private record Parent(Context context, int calls) {
    }

    OpenTelemetryTraces(TracerProvider provider) {
        this.tracer = provider.get(INSTRUMENTATION);
    }

    @Override
    public Trace outgoing() {
        Context context = Context.current();
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid() || !span.isSampled()) {
            return null;
        }
        parents.merge(span.getSpanId(), new Parent(context, 1), (held, added) -> new Parent(held.context(), held.calls() + 1));
        String state = span.getTraceState().isEmpty() ? null : span.getTraceState().asMap().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse(null);
        return new Trace("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex(), state);
    }

    @Override
    public void arrived(List<WorkerSpan> spans) {
        for (WorkerSpan worker : spans) {
            Parent parent = worker.parentSpanId() == null ? null : parents.get(worker.parentSpanId());
            if (parent != null && worker.name() != null) {
                record(worker, parent.context());
            }
        }
    }

    private void record(WorkerSpan worker, Context parent) {
        SpanBuilder builder = tracer.spanBuilder(name(worker))
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(worker.start(), TimeUnit.NANOSECONDS)
            .setAllAttributes(attributes(worker));
        Span span = builder.startSpan();
        if (worker.error() != null) {
            span.setStatus(StatusCode.ERROR, worker.error());
        }
        span.end(Math.max(worker.start(), worker.end()), TimeUnit.NANOSECONDS);
    }

    /** {@code LANGUAGE FUNCTION}, e.g. {@code cpython shout}, as the bridges' spans are named; the function alone without a language. */
    private static String name(WorkerSpan worker) {
        JsonElement language = worker.attributes() == null ? null : worker.attributes().get("worker.language");
        return language instanceof JsonPrimitive p && p.isString() ? p.getAsString() + " " + worker.name() : worker.name();
    }

    private static Attributes attributes(WorkerSpan worker) {
        AttributesBuilder attributes = Attributes.builder();
        if (worker.spanId() != null) {
            attributes.put("worker.span_id", worker.spanId());
        }
        if (worker.attributes() != null) {
            for (Map.Entry<String, JsonElement> entry : worker.attributes().entrySet()) {
                if (entry.getValue() instanceof JsonPrimitive value) {
                    if (value.isBoolean()) {
                        attributes.put(entry.getKey(), value.getAsBoolean());
                    } else if (value.isNumber()) {
                        attributes.put(entry.getKey(), value.getAsLong());
                    } else {
                        attributes.put(entry.getKey(), value.getAsString());
                    }
                }
            }
        }
        return attributes.build();
    }

    @Override
    public void done(Trace trace) {
        if (trace != null) {
            parents.computeIfPresent(trace.spanId(), (id, held) -> held.calls() == 1 ? null : new Parent(held.context(), held.calls() - 1));
        }
    }
}
