package io.ggen.ffi.api;

import java.time.Duration;
import java.time.Instant;
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
     * The latency of every function called so far, from its timed calls: percentiles since the
     * figures began, and the same per window of time for the recent past, oldest first. Sorted like
     * {@link #snapshot()}.
     *
     * @since 1.1
     */
    default List<FunctionLatency> latencies() {
        return List.of();
    }

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

    /**
     * @param bridge the bridge name
     * @param module the module, as {@link ModuleSpec#describe()} gives it
     * @param function the function name
     * @param all every timed call since the figures began
     * @param recent the last windows of time with calls, oldest first
     * @since 1.1
     */
    record FunctionLatency(String bridge, String module, String function, Latency all, List<Latency> recent) {

        public FunctionLatency {
            recent = List.copyOf(recent);
        }
    }

    /**
     * The timed calls of one stretch of time.
     *
     * @param start when the stretch began
     * @param length how long it is (for {@link FunctionLatency#all()}: until the snapshot)
     * @param timedCalls how many calls were timed in it
     * @param p50Nanos the median duration, in nanoseconds
     * @param p99Nanos the 99th percentile, in nanoseconds
     * @param maxNanos the longest
     * @since 1.1
     */
    record Latency(Instant start, Duration length, long timedCalls, long p50Nanos, long p99Nanos, long maxNanos) {
    }
}
