package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ForeignValue;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step of the call pipeline, in front of the bridge: metrics, tracing, caching... Registered as
 * a service; interceptors with a higher {@code service.ranking} run first (outermost).
 */
@ConsumerType
public interface CallInterceptor {

    /**
     * Does its work around the call: call {@code next.proceed()} once to go on, or return a value
     * without calling the bridge (a cache hit). Calling it twice is an error.
     */
    ForeignValue intercept(Invocation invocation, Chain next);

    /** The rest of the pipeline. */
    @FunctionalInterface
    interface Chain {
        ForeignValue proceed();
    }
}
