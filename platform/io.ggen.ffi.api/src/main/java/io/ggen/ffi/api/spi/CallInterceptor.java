package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step of the call pipeline, in front of the bridge: metrics, tracing, caching... Registered as
 * a service; interceptors with a higher {@code service.ranking} run first (outermost).
 *
 * <p>An interceptor that acts only on calls whose options carry certain attributes (like the
 * cache's {@code cache.pure}) names them in the service property {@link #ATTRIBUTES}: the runtime
 * then skips it for calls that carry no attributes at all, which then cost it nothing.
 *
 * <p>The runtime also runs the interceptors around what is not one call: loading a module
 * ({@link #interceptLoad}) and a batch that crosses into the bridge at once ({@link #interceptBatch}).
 * Both just proceed by default.
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

    /**
     * Does its work around loading a module through a bridge, in process or into an isolate: call
     * {@code next.proceed()} once, on the calling thread; it throws what the load throws. A module
     * the runtime already holds (a file or named module loaded before) is shared, not loaded, and
     * does not come here. The default just proceeds.
     *
     * @since 1.1
     */
    default void interceptLoad(Load load, LoadChain next) {
        next.proceed();
    }

    /**
     * Does its work around a batch that goes to the bridge's {@link GuestFunction#callBatch} at once:
     * an explicit batch ({@code ForeignFunction.invokeBatch}) to a bridge that batches natively, or a
     * micro-batch of concurrent calls (sent by an interceptor through {@link Invocation#callBatch}).
     * Call {@code next.proceed()} once. The items' calls are not intercepted one by one (a micro-batch's
     * calls were, before they were gathered). The default just proceeds.
     *
     * @since 1.1
     */
    default List<BatchResult> interceptBatch(Batch batch, BatchChain next) {
        return next.proceed();
    }

    /** The rest of the pipeline. */
    @FunctionalInterface
    interface Chain {
        ForeignValue proceed();
    }

    /**
     * The rest of a load: the next interceptor, the last one the bridge (or the isolator).
     *
     * @since 1.1
     */
    @FunctionalInterface
    interface LoadChain {
        void proceed();
    }

    /**
     * The rest of a batch: the next interceptor, the last one the bridge.
     *
     * @since 1.1
     */
    @FunctionalInterface
    interface BatchChain {
        List<BatchResult> proceed();
    }

    /**
     * A module being loaded.
     *
     * @param module the module as it is loaded: with {@code isolation=process} when it goes into an isolate
     * @param bridge the bridge that serves it (in the isolate, when isolated)
     * @param options the load's options (their attributes, e.g. a trace recording's)
     * @since 1.1
     */
    record Load(ModuleSpec module, BridgeInfo bridge, CallOptions options) {
    }

    /**
     * A batch on its way to the bridge.
     *
     * @param functionId the function called
     * @param language the module's language
     * @param module the module
     * @param size how many calls the batch holds
     * @param micro whether it gathers concurrent calls (micro-batching); false for an explicit batch
     * @param options the batch's options: the caller's, or for a micro-batch those of the call that leads it
     * @since 1.1
     */
    record Batch(FunctionId functionId, String language, ModuleSpec module, int size, boolean micro,
                 CallOptions options) {
    }
}
