package io.ggen.ffi.batch.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** One {@link Batcher} per bridge function; dropped with the function when its module goes. */
final class Batchers {

    private final Map<GuestFunction, Batcher> batchers = Collections.synchronizedMap(new WeakHashMap<>());

    /** Sends the call with the others gathered for its function, or on down the chain when it cannot. */
    ForeignValue call(Invocation invocation, CallInterceptor.Chain next, BatchSettings settings) {
        GuestFunction target = invocation.guestFunction().orElse(null);
        if (target == null) {
            return next.proceed();   // a runtime that does not offer the bridge's function: call by call
        }
        return batcher(target).call(invocation, settings);
    }

    /** The function's batcher; by identity, should a bridge's functions define equality. */
    private Batcher batcher(GuestFunction target) {
        Batcher batcher = batchers.computeIfAbsent(target, Batcher::new);
        if (batcher.target() != target) {
            batcher = new Batcher(target);
            batchers.put(target, batcher);
        }
        return batcher;
    }
}
