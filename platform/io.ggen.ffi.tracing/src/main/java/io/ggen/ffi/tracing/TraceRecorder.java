package io.ggen.ffi.tracing;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Records one trace in memory, whatever the container's exporter and sampling: what
 * {@code ggen test-ffi --trace} prints. A recording is a root span; calls whose options carry
 * {@link Recording#callOptions the recording's attribute} are traced under it, on any thread.
 * While no recording is open and no exporter is configured, the tracing bundle registers no
 * interceptor: calls pay nothing for it.
 */
@ProviderType
public interface TraceRecorder {

    /** The call option attribute that names the recording a call belongs to. */
    String RECORDING_ATTRIBUTE = "trace.recording";

    /** Starts a recording: a new trace whose root span has this name, running until {@link Recording#finish()}. */
    Recording start(String name);
}
