/**
 * Tracing of foreign calls: {@link io.ggen.ffi.tracing.TraceRecorder} records one trace in memory
 * (what {@code ggen test-ffi --trace} prints), whatever the container's exporter;
 * {@link io.ggen.ffi.tracing.TraceAttributes} names the attributes of the spans the tracing bundle
 * makes. The bundle also exports the OpenTelemetry API and context it embeds
 * ({@code io.opentelemetry.api.*}, {@code io.opentelemetry.context.*}, 1.68.0).
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.tracing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
