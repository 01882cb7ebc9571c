package io.ggen.ffi.tracing.internal;

import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.TraceRecorder;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import io.opentelemetry.api.trace.TracerProvider;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Tracing of foreign calls on OpenTelemetry: the {@link TraceRecorder} service, and the two
 * {@link CallInterceptor}s ({@link CallSpanInterceptor}, {@link BridgeSpanInterceptor}) that it
 * registers only while an exporter is configured or a recording is open (see {@link Tracing}).
 * A new configuration restarts the component: the old exporter is flushed and shut down.
 */
@Component(service = TraceRecorder.class, configurationPid = TracingService.PID, immediate = true)
@Designate(ocd = TracingService.Configuration.class)
public final class TracingService implements TraceRecorder {

    static final String PID = "io.ggen.ffi.tracing";

    @ObjectClassDefinition(name = "GGen FFI tracing",
        description = "OpenTelemetry spans for foreign calls. Off (no exporter) by default: then calls pay nothing.")
    @interface Configuration {
        @AttributeDefinition(name = "Exporter", description = "Where spans go: none (calls are not traced;"
            + " ggen test-ffi --trace still works), logging (java.util.logging, a line per span), otlp (an OTLP collector over HTTP).",
            options = {@Option(label = "none", value = "none"), @Option(label = "logging", value = "logging"),
                       @Option(label = "otlp", value = "otlp")})
        String exporter() default "none";

        @AttributeDefinition(name = "OTLP endpoint", description = "With exporter otlp: the collector's traces URL (OTLP over HTTP, protobuf).")
        String otlp_endpoint() default "http://localhost:4318/v1/traces";

        @AttributeDefinition(name = "Sampling ratio", description = "The share of new traces kept, 0 to 1; a call under"
            + " a caller's span follows the caller's decision.")
        double sampling_ratio() default 1.0;
    }

    private final Tracing tracing;
    /** The bundle's tracer provider, for bridges that bring spans of their own (the RPC bridge's workers). */
    private final ServiceRegistration<TracerProvider> provider;

    @Activate
    public TracingService(BundleContext context, Configuration configuration,
                          @Reference(service = LoggerFactory.class) Logger logger) {
        Exporter exporter = Exporter.of(configuration.exporter());
        this.tracing = new Tracing(export(exporter, configuration.otlp_endpoint()), configuration.sampling_ratio(),
            (calls, bridges) -> register(context, calls, bridges));
        this.provider = context.registerService(TracerProvider.class, tracing.tracerProvider(), null);
        if (exporter == Exporter.NONE) {
            logger.debug("tracing off: no exporter; recordings only");
        } else {
            logger.info("tracing foreign calls to {} (sampling ratio {})", exporter == Exporter.OTLP
                ? configuration.otlp_endpoint() : "the log", configuration.sampling_ratio());
        }
    }

    private static SpanProcessor export(Exporter exporter, String endpoint) {
        return switch (exporter) {
            case NONE -> null;
            case LOGGING -> SimpleSpanProcessor.create(LoggingSpanExporter.create());
            case OTLP -> BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint(endpoint)).build()).build();
        };
    }

    private static String endpoint(String endpoint) {
        try {
            URI uri = URI.create(endpoint.strip());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": otlp.endpoint must be an http(s) URL such as"
                + " http://localhost:4318/v1/traces, not '" + endpoint + "'", e);
        }
    }

    private static Runnable register(BundleContext context, CallSpanInterceptor calls, BridgeSpanInterceptor bridges) {
        ServiceRegistration<CallInterceptor> outer = context.registerService(CallInterceptor.class, calls,
            properties(CallSpanInterceptor.RANKING, "tracing"));
        ServiceRegistration<CallInterceptor> inner = context.registerService(CallInterceptor.class, bridges,
            properties(BridgeSpanInterceptor.RANKING, "tracing.bridge"));
        return () -> {
            unregister(inner);
            unregister(outer);
        };
    }

    private static Dictionary<String, Object> properties(int ranking, String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        properties.put("interceptor.name", name);
        return properties;
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered: the bundle is stopping and the framework did it first
        }
    }

    @Override
    public Recording start(String name) {
        return tracing.start(name);
    }

    @Deactivate
    void deactivate() {
        unregister(provider);
        tracing.close();
    }
}
