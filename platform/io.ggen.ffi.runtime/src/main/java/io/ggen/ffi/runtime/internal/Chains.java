package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.spi.CallInterceptor;
import java.util.List;
import java.util.function.Supplier;

/**
 * The interceptors around what is not one call ({@link RuntimeInvocation} runs calls): a module's
 * load ({@link CallInterceptor#interceptLoad}) and a batch that crosses into the bridge at once
 * ({@link CallInterceptor#interceptBatch}). With no interceptor the work runs directly.
 */
final class Chains {

    private Chains() {
    }

    /** Loads through the interceptors, outermost first; the last one runs {@code load}. */
    static <T> T load(CallInterceptor[] interceptors, CallInterceptor.Load load, Supplier<T> loader) {
        if (interceptors.length == 0) {
            return loader.get();
        }
        LoadSteps<T> steps = new LoadSteps<>(interceptors, load, loader);
        steps.proceed();
        if (!steps.loaded) {
            throw new IllegalStateException("an interceptor did not proceed with the load of " + load.module().describe());
        }
        return steps.result;
    }

    /** Sends the batch through the interceptors, outermost first; the last one runs {@code bridge}. */
    static List<BatchResult> batch(CallInterceptor[] interceptors, CallInterceptor.Batch batch,
                                   Supplier<List<BatchResult>> bridge) {
        if (interceptors.length == 0) {
            return bridge.get();
        }
        return new BatchSteps(interceptors, batch, bridge).proceed();
    }

    private static final class LoadSteps<T> implements CallInterceptor.LoadChain {
        private final CallInterceptor[] interceptors;
        private final CallInterceptor.Load load;
        private final Supplier<T> loader;
        private int next;
        private boolean loaded;
        private T result;

        LoadSteps(CallInterceptor[] interceptors, CallInterceptor.Load load, Supplier<T> loader) {
            this.interceptors = interceptors;
            this.load = load;
            this.loader = loader;
        }

        @Override
        public void proceed() {
            int index = next++;
            if (index < interceptors.length) {
                interceptors[index].interceptLoad(load, this);
            } else if (index == interceptors.length) {
                result = loader.get();
                loaded = true;
            } else {
                throw new IllegalStateException("an interceptor proceeded twice with the load of " + load.module().describe());
            }
        }
    }

    private static final class BatchSteps implements CallInterceptor.BatchChain {
        private final CallInterceptor[] interceptors;
        private final CallInterceptor.Batch batch;
        private final Supplier<List<BatchResult>> bridge;
        private int next;

        BatchSteps(CallInterceptor[] interceptors, CallInterceptor.Batch batch, Supplier<List<BatchResult>> bridge) {
            this.interceptors = interceptors;
            this.batch = batch;
            this.bridge = bridge;
        }

        @Override
        public List<BatchResult> proceed() {
            int index = next++;
            if (index < interceptors.length) {
                return interceptors[index].interceptBatch(batch, this);
            }
            if (index == interceptors.length) {
                return bridge.get();
            }
            throw new IllegalStateException("an interceptor proceeded twice with a batch of " + batch.functionId());
        }
    }
}
