package io.ggen.ffi.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A function of a loaded module, bound once and called many times, from any thread.
 *
 * <p>Every call is seen by the platform's observers (metrics) and runs through its interceptors
 * (whatever else is installed) to the bridge. Failures are {@link ForeignException}s.
 */
@ProviderType
public interface ForeignFunction {

    String name();

    /** The module it belongs to. */
    ForeignModule module();

    /** Calls it with neutral values. */
    ForeignValue invoke(List<ForeignValue> args, CallOptions options);

    default ForeignValue invoke(ForeignValue... args) {
        return invoke(List.of(args), CallOptions.DEFAULT);
    }

    /**
     * Calls it on a virtual thread. Cancelling the future (with or without interruption) cancels
     * the foreign work where the bridge can; the future then fails with
     * {@link java.util.concurrent.CancellationException}. A timeout in the options completes the
     * future exceptionally with a {@link ForeignTimeoutException}.
     */
    CompletableFuture<ForeignValue> invokeAsync(List<ForeignValue> args, CallOptions options);

    /**
     * Calls it once per argument list, in order. A failing item yields an error for that item
     * only. Bridges that batch natively do it in one foreign crossing.
     */
    List<BatchResult> invokeBatch(List<List<ForeignValue>> argsList, CallOptions options);

    /** Calls it with Java arguments, converted by the {@link ValueConverter}; returns a Java value. */
    Object call(Object... args);
}
