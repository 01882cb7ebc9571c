package io.ggen.ffi.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees the calls of functions begin and end without taking part in them: what call metrics need,
 * at a cost a trivial call can bear. Registered as a service, like a {@link CallInterceptor}, but
 * lighter: the runtime asks an observer once for each function it binds ({@link #observe}, again
 * when the module is reloaded or the observers change) and brackets every call of that function
 * with the answer's {@link Calls#begin begin} and {@link Calls#end end}: no object is made
 * per call and nothing is looked up.
 *
 * <p>A call is observed whole: around the interceptors (a cache hit is a call), with the error
 * the caller gets (a timeout as {@code ForeignTimeoutException}). The calls of an explicit batch
 * are observed one by one when the bridge does not batch natively; a native batch is one crossing
 * and is not observed.
 *
 * @since 1.1
 */
@ConsumerType
public interface CallObserver {

    /** What observes the calls of this function; asked when the runtime binds it. */
    Calls observe(FunctionId function);

    /** The observer of one function's calls. */
    @ConsumerType
    interface Calls {

        /**
         * A call begins, on the caller's thread.
         *
         * @return what the runtime gives back to {@link #end} for this call (e.g. a clock reading
         *     for a call that is timed), or null; returning null for most calls keeps them free of
         *     allocation
         */
        Object begin();

        /**
         * The call ended, on the thread it began on.
         *
         * @param begun what {@link #begin} returned
         * @param failure what the caller gets thrown; null when the call returned
         */
        void end(Object begun, RuntimeException failure);
    }
}
