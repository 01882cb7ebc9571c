package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.SpanTree;
import io.ggen.ffi.tracing.TraceRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One recording: its root span, the spans of its trace as they end, and what to do when it is closed. */
final class RecordingImpl implements Recording {

    /** The root span's attribute that makes the sampler keep the trace whatever its ratio. */
    static final String ROOT_ATTRIBUTE = "ggen.trace.recording";

    private final Tracer tracer;
    private final Span root;
    private final Context context;
    private final Runnable onClose;
    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private SpanTree tree;
    private boolean closed;

    RecordingImpl(Tracer tracer, String name, Runnable onClose) {
        this.tracer = tracer;
        this.root = tracer.spanBuilder(name).setNoParent().setAttribute(ROOT_ATTRIBUTE, true).startSpan();
        this.context = Context.root().with(root);
        this.onClose = onClose;
    }

    String traceId() {
        return root.getSpanContext().getTraceId();
    }

    Context context() {
        return context;
    }

    void ended(SpanData span) {
        ended.add(span);
    }

    @Override
    public CallOptions callOptions(CallOptions options) {
        return options.withAttribute(TraceRecorder.RECORDING_ATTRIBUTE, traceId());
    }

    @Override
    public Step step(String name) {
        Span span = tracer.spanBuilder(name).setParent(context).startSpan();
        return new Step() {
            @Override
            public void failed(Throwable error) {
                span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                span.recordException(error);
            }

            @Override
            public void close() {
                span.end();
            }
        };
    }

    @Override
    public synchronized SpanTree finish() {
        if (tree == null) {
            root.end();
            tree = SpanTrees.of(traceId(), ended);
        }
        return tree;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            finish();
            onClose.run();
        }
    }
}
