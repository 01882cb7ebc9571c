package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.TraceRecorder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;

/**
 * The tracer provider of the bundle and the rule that decides when the interceptors are
 * registered: while an exporter is configured, or while a recording is open. Never else, so with
 * tracing off calls run through no code of this bundle at all. Plain Java: {@link TracingService}
 * gives it the exporter and the way to register services.
 */
final class Tracing implements TraceRecorder, AutoCloseable {

    /** Registers the two interceptors as services. */
    @FunctionalInterface
    interface Registrar {
        /** Registers them; the returned action unregisters them. */
        Runnable register(CallSpanInterceptor calls, BridgeSpanInterceptor bridges);
    }

    static final String INSTRUMENTATION = "io.ggen.ffi.tracing";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final SdkTracerProvider provider;
    private final Recordings recordings = new Recordings();
    private final boolean exporting;
    private final CallSpanInterceptor calls;
    private final BridgeSpanInterceptor bridges = new BridgeSpanInterceptor();
    private final Registrar registrar;
    private Runnable unregister;

    /**
     * @param export where the spans go, or null for nowhere (only recordings are kept)
     * @param ratio the share of new traces sampled, 0 to 1
     */
    Tracing(SpanProcessor export, double ratio, Registrar registrar) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException(TracingService.PID + ": sampling.ratio must be between 0 and 1, not " + ratio);
        }
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, "ggen-ffi"))))
            .setSampler(new RecordingSampler(ratio))
            .addSpanProcessor(recordings);
        if (export != null) {
            builder.addSpanProcessor(export);
        }
        this.provider = builder.build();
        this.exporting = export != null;
        this.calls = new CallSpanInterceptor(tracer(), exporting, recordings);
        this.registrar = registrar;
        update();
    }

    /** The provider of this bundle's spans, for bridges that bring spans of their own. */
    TracerProvider tracerProvider() {
        return provider;
    }

    Tracer tracer() {
        return provider.get(INSTRUMENTATION);
    }

    /** Whether the interceptors are registered now. */
    synchronized boolean registered() {
        return unregister != null;
    }

    @Override
    public Recording start(String name) {
        RecordingImpl[] self = new RecordingImpl[1];
        RecordingImpl recording = new RecordingImpl(tracer(), name, () -> {
            recordings.remove(self[0]);
            update();
        });
        self[0] = recording;
        recordings.add(recording);
        update();
        return recording;
    }

    private synchronized void update() {
        boolean wanted = exporting || recordings.size() > 0;
        if (wanted && unregister == null) {
            unregister = registrar.register(calls, bridges);
        } else if (!wanted && unregister != null) {
            unregister.run();
            unregister = null;
        }
    }

    /** Unregisters the interceptors and flushes the exporter (waiting up to 5 s). */
    @Override
    public void close() {
        synchronized (this) {
            if (unregister != null) {
                unregister.run();
                unregister = null;
            }
        }
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
