package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.util.List;

/** One call through the interceptors, then the bridge. */
record RuntimeInvocation(FunctionId functionId, String language, ModuleSpec module, List<ForeignValue> args,
                         CallContext context, CallInterceptor[] interceptors, GuestFunction target)
    implements Invocation {

    ForeignValue proceed() {
        return step(0);
    }

    private ForeignValue step(int index) {
        if (index == interceptors.length) {
            return target.call(args, context);
        }
        return interceptors[index].intercept(this, () -> step(index + 1));
    }
}
