package io.ggen.ffi.bridge.rpc.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Installs {@link OpenTelemetryTraces} while a {@code TracerProvider} service (the tracing bundle's)
 * is there, {@link WorkerTraces#NONE} otherwise. Tracked by class name: this bundle imports
 * OpenTelemetry optionally and loads none of it without the service.
 */
final class TracerTracker extends ServiceTracker<Object, Object> {

    static final String TRACER_PROVIDER = "io.opentelemetry.api.trace.TracerProvider";

    private final Logger logger;

    TracerTracker(BundleContext context, Logger logger) {
        super(context, TRACER_PROVIDER, null);
        this.logger = logger;
    }

    @Override
    public Object addingService(ServiceReference<Object> reference) {
        if (!reference.isAssignableTo(context.getBundle(), TRACER_PROVIDER)) {
            return null;   // another wiring of the OpenTelemetry API: its spans would not meet ours
        }
        Object provider = context.getService(reference);
        try {
            WorkerTraces.Installed.traces = new OpenTelemetryTraces((io.opentelemetry.api.trace.TracerProvider) provider);
            return provider;
        } catch (LinkageError e) {
            logger.warn("RPC bridge: the tracer provider is there but OpenTelemetry is not wired to this bundle"
                + " (refresh it): worker calls are not traced", e);
            context.ungetService(reference);
            return null;
        }
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Object provider) {
        WorkerTraces.Installed.traces = WorkerTraces.NONE;
        context.ungetService(reference);
    }
}
