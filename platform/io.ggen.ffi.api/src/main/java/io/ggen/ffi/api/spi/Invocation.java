package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** One call on its way through the pipeline. */
@ProviderType
public interface Invocation {

    /** The function called: bridge, module and name; the same instance for every call to it. */
    FunctionId functionId();

    String language();

    ModuleSpec module();

    List<ForeignValue> args();

    CallContext context();

    /**
     * Names the code of the module as loaded: the same number, the same code. Results remembered
     * under another number may be stale. The runtime gives 0 for inline code (the spec holds it),
     * a stamp of the file (modification time and size) for a file module, which changes when the
     * file changes and the module is loaded again, and a number of its own to each load of a named
     * module. 0 by default.
     */
    default long moduleGeneration() {
        return 0;
    }

    /**
     * The bridge's function this call ends in, for interceptors that gather calls into batches
     * ({@link GuestFunction#callBatch}). Calling it skips the interceptors after the caller; put
     * such an interceptor innermost (lowest ranking). Empty when the runtime does not offer it.
     */
    default Optional<GuestFunction> guestFunction() {
        return Optional.empty();
    }

    /**
     * Sends a batch of calls to this call's function in one go, for interceptors that gather calls
     * ({@link #guestFunction()}): the bridge's {@link GuestFunction#callBatch}, with the interceptors'
     * {@link CallInterceptor#interceptBatch} around it (a micro-batch). The default calls the
     * bridge's function alone; it throws {@link UnsupportedOperationException} when the runtime
     * does not offer it.
     *
     * @since 1.1
     */
    default List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
        return guestFunction().orElseThrow(() -> new UnsupportedOperationException(
            "the runtime does not offer the bridge's function")).callBatch(argsList, context);
    }
}
