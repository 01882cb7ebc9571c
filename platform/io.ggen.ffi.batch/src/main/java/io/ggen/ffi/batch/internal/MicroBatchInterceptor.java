package io.ggen.ffi.batch.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.Invocation;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;

/**
 * Automatic micro-batching asked for per call: calls whose options carry {@code batch.window.ms}
 * (and optionally {@code batch.max.size}) are gathered with the concurrent calls to the same
 * function and sent through the bridge's {@code callBatch}. Calls without attributes never reach
 * it ({@code interceptor.attributes}); per-function configurations are {@link BatchRule}s.
 *
 * <p>Ranking -1000: innermost but for the rules, so metrics and the cache still see each call; it
 * reaches the bridge's function through {@link Invocation#guestFunction()}.
 */
@Component(service = CallInterceptor.class, property = {
    Constants.SERVICE_RANKING + ":Integer=-1000", "interceptor.name=batch",
    CallInterceptor.ATTRIBUTES + "=" + BatchSettings.WINDOW})
public final class MicroBatchInterceptor implements CallInterceptor {

    private final Batchers batchers = new Batchers();

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        BatchSettings settings = BatchSettings.of(invocation.context().options(), invocation.language());
        return settings == null ? next.proceed() : batchers.call(invocation, next, settings);
    }
}
