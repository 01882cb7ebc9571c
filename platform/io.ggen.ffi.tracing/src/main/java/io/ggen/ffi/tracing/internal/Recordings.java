package io.ggen.ffi.tracing.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open recordings, by trace id, and the span processor that hands each ended span of their
 * traces to its recording. Spans of other traces pass by (one map lookup).
 */
final class Recordings implements SpanProcessor {

    private final ConcurrentHashMap<String, RecordingImpl> open = new ConcurrentHashMap<>();

    void add(RecordingImpl recording) {
        open.put(recording.traceId(), recording);
    }

    void remove(RecordingImpl recording) {
        open.remove(recording.traceId());
    }

    /** The context calls of the recording with this id are traced in; null when there is no such open recording. */
    Context context(String traceId) {
        RecordingImpl recording = traceId == null ? null : open.get(traceId);
        return recording == null ? null : recording.context();
    }

    int size() {
        return open.size();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        RecordingImpl recording = open.get(span.getSpanContext().getTraceId());
        if (recording != null) {
            recording.ended(span.toSpanData());
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
