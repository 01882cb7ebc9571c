package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** A bound function of a {@link GuestModule}. Called from many threads at once. */
@ConsumerType
public interface GuestFunction {

    /**
     * Calls the function on the calling thread.
     *
     * <p>When the context is cancelled (timeout or caller), stop the foreign work through
     * {@link CallContext#onCancel} and throw; the runtime turns what you throw into the right
     * {@link io.ggen.ffi.api.ForeignTimeoutException} or
     * {@link io.ggen.ffi.api.ForeignCancellationException}.
     */
    ForeignValue call(List<ForeignValue> args, CallContext context);

    /**
     * Calls the function once per argument list, in order. The default loops over
     * {@link #call}; bridges that can should cross into the language once.
     */
    default List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
        List<BatchResult> results = new ArrayList<>(argsList.size());
        for (List<ForeignValue> args : argsList) {
            try {
                results.add(BatchResult.success(call(args, context)));
            } catch (ForeignException e) {
                results.add(BatchResult.failure(e));
                if (context.isCancelled()) {
                    break;
                }
            }
        }
        return results;
    }
}
