package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** Explicit batches to a bridge that batches natively: one crossing, order kept, errors per item. */
class NativeBatchTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private final AtomicInteger crossings = new AtomicInteger();
    private final AtomicInteger singleCalls = new AtomicInteger();
    /** How many items the bridge answers before it stops; all by default. */
    private volatile int answered = Integer.MAX_VALUE;

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    /** Negates an integer; a string fails, for that item only. */
    private final GuestFunction negate = new GuestFunction() {
        @Override
        public ForeignValue call(List<ForeignValue> args, CallContext context) {
            singleCalls.incrementAndGet();
            return one(args);
        }

        @Override
        public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
            crossings.incrementAndGet();
            List<BatchResult> results = new ArrayList<>();
            for (List<ForeignValue> args : argsList.subList(0, Math.min(answered, argsList.size()))) {
                try {
                    results.add(BatchResult.success(one(args)));
                } catch (ForeignException e) {
                    results.add(BatchResult.failure(e));
                }
            }
            return results;
        }

        private ForeignValue one(List<ForeignValue> args) {
            if (args.getFirst() instanceof ForeignValue.IntValue i) {
                return ForeignValue.of(-i.value());
            }
            throw new ForeignException("native", "TypeError", "not a number: " + args.getFirst());
        }
    };

    private final ForeignBridge bridge = new ForeignBridge() {
        @Override
        public GuestModule load(ModuleSpec spec) {
            return new GuestModule() {
                @Override public Set<String> functions() { return Set.of("negate"); }
                @Override public GuestFunction function(String name) { return negate; }
                @Override public void close() { }
            };
        }

        @Override
        public BridgeCapabilities capabilities() {
            return BridgeCapabilities.of(BridgeCapabilities.NATIVE_BATCHING);
        }
    };

    private void register() {
        runtime.addBridge(bridge, BridgeReferences.reference("test.native", "native", "native", 1L));
    }

    private List<BatchResult> batch(List<List<ForeignValue>> argsList) {
        return runtime.load(ModuleSpec.code("native", "x")).function("negate").invokeBatch(argsList, CallOptions.DEFAULT);
    }

    @Test
    void aNativeBatchCrossesOnceKeepsItsOrderAndFailsOnlyTheFailingItem() {
        register();
        List<BatchResult> results = batch(List.of(List.of(ForeignValue.of(1)), List.of(ForeignValue.of("x")),
            List.of(ForeignValue.of(3))));
        assertThat(crossings).hasValue(1);
        assertThat(singleCalls).hasValue(0);
        assertThat(results.get(0).get()).isEqualTo(ForeignValue.of(-1));
        assertThat(results.get(1).error().foreignMessage()).contains("not a number");
        assertThat(results.get(2).get()).isEqualTo(ForeignValue.of(-3));
    }

    @Test
    void itemsABridgeLeftUnansweredFailAsCancelled() {
        register();
        answered = 1;
        List<BatchResult> results = batch(List.of(List.of(ForeignValue.of(1)), List.of(ForeignValue.of(2))));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get()).isEqualTo(ForeignValue.of(-1));
        assertThat(results.get(1).error()).isInstanceOf(ForeignCancellationException.class);
    }
}
