package io.ggen.ffi.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Counts, errors and latency of foreign calls, per bridge and function. */
@ProviderType
public interface CallMetrics {

    /** A snapshot of every function called so far, sorted by bridge, module and function. */
    List<FunctionStats> snapshot();

    /** Forgets all figures. */
    void reset();

    /**
     * @param bridge the bridge name
     * @param module the module, as {@link ModuleSpec#describe()} gives it
     * @param function the function name
     * @param calls completed calls
     * @param errors calls that threw
     * @param totalNanos the sum of their durations
     * @param maxNanos the longest
     * @param stuck calls given up at their deadline whose thread the bridge could not stop (see
     *     {@link ForeignStuckCallException}); counted among the errors too
     */
    record FunctionStats(String bridge, String module, String function, long calls, long errors,
                         long totalNanos, long maxNanos, long stuck) {

        /** Figures without stuck calls. */
        public FunctionStats(String bridge, String module, String function, long calls, long errors,
                             long totalNanos, long maxNanos) {
            this(bridge, module, function, calls, errors, totalNanos, maxNanos, 0);
        }

        /** The mean duration in nanoseconds, 0 without calls. */
        public double meanNanos() {
            return calls == 0 ? 0 : (double) totalNanos / calls;
        }
    }
}
