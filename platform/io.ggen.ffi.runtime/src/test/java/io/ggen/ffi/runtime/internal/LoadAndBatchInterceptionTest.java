package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.api.spi.Invocation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.service.log.Logger;

/**
 * The interceptors around what is not one call: a module's load, an explicit batch to a bridge that
 * batches natively, and a micro-batch an interceptor sends through {@link Invocation#callBatch}.
 */
class LoadAndBatchInterceptionTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private final List<String> seen = new CopyOnWriteArrayList<>();
    /** How many crossings into the bridge's callBatch, and of what sizes. */
    private final List<Integer> crossings = new CopyOnWriteArrayList<>();

    private final GuestFunction negate = new GuestFunction() {
        @Override
        public ForeignValue call(List<ForeignValue> args, io.ggen.ffi.api.spi.CallContext context) {
            return ForeignValue.of(-((ForeignValue.IntValue) args.getFirst()).value());
        }

        @Override
        public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, io.ggen.ffi.api.spi.CallContext context) {
            crossings.add(argsList.size());
            return GuestFunction.super.callBatch(argsList, context);
        }
    };

    /** Records what it sees, outermost, and passes everything on. */
    private final CallInterceptor recorder = new CallInterceptor() {
        @Override
        public ForeignValue intercept(Invocation invocation, Chain next) {
            seen.add("call " + invocation.functionId().function());
            return next.proceed();
        }

        @Override
        public void interceptLoad(Load load, LoadChain next) {
            seen.add("load " + load.module().describe() + " through " + load.bridge().name() + " "
                + load.options().attributes());
            next.proceed();
            seen.add("loaded");
        }

        @Override
        public List<BatchResult> interceptBatch(Batch batch, BatchChain next) {
            seen.add("batch " + batch.functionId().function() + " of " + batch.size() + (batch.micro() ? " micro" : " explicit"));
            return next.proceed();
        }
    };

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    private void register(boolean nativeBatching) {
        runtime.addBridge(new ForeignBridge() {
            @Override
            public GuestModule load(ModuleSpec spec) {
                if (spec.source().equals("broken")) {
                    throw new ForeignException("native", "SyntaxError", "cannot load");
                }
                return new GuestModule() {
                    @Override public Set<String> functions() { return Set.of("negate"); }
                    @Override public GuestFunction function(String name) { return negate; }
                    @Override public void close() { }
                };
            }

            @Override
            public BridgeCapabilities capabilities() {
                return nativeBatching ? BridgeCapabilities.of(BridgeCapabilities.NATIVE_BATCHING) : BridgeCapabilities.NONE;
            }
        }, BridgeReferences.reference("test.native", "native", "native", 1L));
        runtime.addInterceptor(recorder, Map.of(Constants.SERVICE_RANKING, 100));
    }

    @Test
    void aLoadRunsThroughTheInterceptorsWithItsOptionsAndAFailedOneThrowsThroughThem() {
        register(true);
        try (ForeignModule ignored = runtime.load(ModuleSpec.code("native", "x"), CallOptions.DEFAULT.withAttribute("trace.recording", "r1"))) {
            assertThat(seen).containsExactly("load <code: x> through native {trace.recording=r1}", "loaded");
        }
        seen.clear();
        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("native", "broken"))).isInstanceOf(ForeignException.class)
            .hasMessageContaining("cannot load");
        assertThat(seen).containsExactly("load <code: broken> through native {}");
    }

    @Test
    void anExplicitNativeBatchIsInterceptedOnceWithItsSize() {
        register(true);
        ForeignModule module = runtime.load(ModuleSpec.code("native", "x"));
        seen.clear();
        List<BatchResult> results = module.function("negate").invokeBatch(List.of(List.of(ForeignValue.of(1)),
            List.of(ForeignValue.of(2)), List.of(ForeignValue.of(3))), CallOptions.DEFAULT);
        assertThat(results).extracting(BatchResult::get).containsExactly(ForeignValue.of(-1), ForeignValue.of(-2), ForeignValue.of(-3));
        assertThat(seen).containsExactly("batch negate of 3 explicit");
        assertThat(crossings).containsExactly(3);
    }

    @Test
    void aBatchTheLoopRunsCallByCallIsNoBatchToTheInterceptors() {
        register(false);
        ForeignModule module = runtime.load(ModuleSpec.code("native", "x"));
        seen.clear();
        module.function("negate").invokeBatch(List.of(List.of(ForeignValue.of(1)), List.of(ForeignValue.of(2))), CallOptions.DEFAULT);
        assertThat(seen).containsExactly("call negate", "call negate");
    }

    @Test
    void aMicroBatchSentThroughTheLeadingInvocationIsInterceptedAsOne() {
        register(true);
        // a batching interceptor, innermost: it sends its call and one more as a batch, as the batching bundle does
        runtime.addInterceptor((invocation, next) -> invocation.callBatch(List.of(invocation.args(), List.of(ForeignValue.of(5))),
            invocation.context()).getFirst().get(), Map.of(Constants.SERVICE_RANKING, -1000));
        ForeignModule module = runtime.load(ModuleSpec.code("native", "x"));
        seen.clear();
        assertThat(module.function("negate").invoke(List.of(ForeignValue.of(4)), CallOptions.DEFAULT)).isEqualTo(ForeignValue.of(-4));
        assertThat(seen).containsExactly("call negate", "batch negate of 2 micro");
        assertThat(crossings).containsExactly(2);
    }
}
