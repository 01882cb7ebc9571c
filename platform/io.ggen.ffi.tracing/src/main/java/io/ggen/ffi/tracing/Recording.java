package io.ggen.ffi.tracing;

import io.ggen.ffi.api.CallOptions;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One trace being recorded (see {@link TraceRecorder}). Close it in every case: an open
 * recording keeps the tracing interceptors registered.
 */
@ProviderType
public interface Recording extends AutoCloseable {

    /** The options with this recording's attribute added: calls made with them are traced into it. */
    CallOptions callOptions(CallOptions options);

    /** Starts a child span of the root span, e.g. around loading the module; close it when the step ends. */
    Step step(String name);

    /** Ends the root span and returns every span recorded under it. Once; later calls return the same tree. */
    SpanTree finish();

    /** Finishes the recording if it was not, and forgets it. */
    @Override
    void close();

    /** A span of the caller's own, under the recording's root. */
    @ProviderType
    interface Step extends AutoCloseable {

        /** Marks the step as failed with this exception. */
        void failed(Throwable error);

        /** Ends the step's span. */
        @Override
        void close();
    }
}
