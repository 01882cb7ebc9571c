package io.ggen.ffi.metrics.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.FunctionId;
import java.util.function.Supplier;

/** A call of a function as the runtime observes it: begun, run, ended with what it threw. */
final class Observed {

    private Observed() {
    }

    static ForeignValue run(MetricsObserver metrics, FunctionId function, Supplier<ForeignValue> call) {
        MetricsObserver.Meter meter = metrics.observe(function);
        Object begun = meter.begin();
        ForeignValue result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            meter.end(begun, e);
            throw e;
        }
        meter.end(begun, null);
        return result;
    }
}
