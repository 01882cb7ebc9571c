package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ForeignValue;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step of the call pipeline, in front of the bridge: metrics, tracing, caching... Registered as
 * a service; interceptors with a higher {@code service.ranking} run first (outermost).
 *
 * <p>An interceptor that acts only on calls whose options carry certain attributes (like the
 * cache's {@code cache.pure}) names them in the service property {@link #ATTRIBUTES}: the runtime
 * then skips it for calls that carry no attributes at all, which then cost it nothing.
 */
@ConsumerType
public interface CallInterceptor {

    /**
     * Service property (String or String[]): the call option attributes this interceptor acts on.
     * The runtime may skip it for calls whose options carry none of them. Absent: every call.
     */
    String ATTRIBUTES = "interceptor.attributes";

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
