package io.ggen.ffi.tracing.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the spans of ordinary calls go ({@code exporter} in the configuration). */
enum Exporter {
    /** Nowhere: calls are not traced, and no interceptor is registered (recordings still work). */
    NONE,
    /** To {@code java.util.logging}, one line per span, as OpenTelemetry's logging exporter writes them. */
    LOGGING,
    /** To an OTLP collector over HTTP (protobuf), at {@code otlp.endpoint}. */
    OTLP;

    /** The exporter of that name, in any case; a message naming the choices otherwise. */
    static Exporter of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TracingService.PID + ": exporter must be one of "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", not '" + name + "'", e);
        }
    }
}
