/**
 * Tracing of foreign calls: {@link io.ggen.ffi.tracing.TraceRecorder} records one trace in memory
 * (what {@code ggen test-ffi --trace} prints), whatever the container's exporter;
 * {@link io.ggen.ffi.tracing.TraceAttributes} names the attributes of the spans the tracing bundle
 * makes. The bundle also exports nothing of OpenTelemetry: callers use the OpenTelemetry API
 * bundles ({@code io.opentelemetry.api}, {@code io.opentelemetry.context}) themselves.
 */
@Export
@Version("1.0.0")
package io.ggen.ffi.tracing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
