package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.CallOptions;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime tells a bridge about one call: its options and whether it has been cancelled
 * (by its timeout, or by the caller). Bridges register how to stop their foreign work with
 * {@link #onCancel}.
 */
@ProviderType
public interface CallContext {

    CallOptions options();

    /**
     * Whether anything can cancel this call: it has a timeout, or its caller can cancel it (an
     * async call). When not, bridges may skip their cancellation bookkeeping: {@link #onCancel}
     * actions would never run.
     */
    boolean isCancellable();

    /** Whether the call was cancelled, by timeout or by the caller. */
    boolean isCancelled();

    /**
     * Runs the action when the call is cancelled, on the thread that cancels it; at once if it
     * already is. The action must not block for long: interrupt the guest, signal the worker.
     * The registration ends with the call.
     */
    void onCancel(Runnable action);
}
