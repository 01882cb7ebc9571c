package io.ggen.ffi.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroBatchInterceptorTest {

    private static final FunctionId SQUARE = new FunctionId("fake", "m", "square");

    private final MicroBatchInterceptor interceptor = new MicroBatchInterceptor();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger singleCalls = new AtomicInteger();

    /** Squares an integer; a negative one fails, for that item only. */
    private final GuestFunction square = new GuestFunction() {
        @Override
        public ForeignValue call(List<ForeignValue> args, CallContext context) {
            singleCalls.incrementAndGet();
            long x = ((ForeignValue.IntValue) args.getFirst()).value();
            if (x < 0) {
                throw new ForeignException("fake", "RangeError", "negative: " + x);
            }
            return ForeignValue.of(x * x);
        }

        @Override
        public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
            batchSizes.add(argsList.size());
            return GuestFunction.super.callBatch(argsList, context);
        }
    };

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static final class Control implements CallContext {
        final CallOptions options;
        final boolean cancellable;
        final List<Runnable> actions = new ArrayList<>();
        Control(CallOptions options, boolean cancellable) {
            this.options = options;
            this.cancellable = cancellable;
        }
        @Override public CallOptions options() { return options; }
        @Override public boolean isCancellable() { return cancellable; }
        @Override public boolean isCancelled() { return false; }
        @Override public synchronized void onCancel(Runnable action) { actions.add(action); }
        synchronized void cancel() { actions.forEach(Runnable::run); }
        synchronized boolean hasActions() { return !actions.isEmpty(); }
    }

    /** {@code taken} runs when the arguments are read: by the batcher, under its lock, as the call joins a batch. */
    private record Call(FunctionId functionId, List<ForeignValue> args, CallContext context, GuestFunction target,
                        Runnable taken) implements Invocation {
        @Override public List<ForeignValue> args() {
            taken.run();
            return args;
        }
        @Override public String language() { return "fake"; }
        @Override public ModuleSpec module() { return ModuleSpec.code("fake", "m"); }
        @Override public Optional<GuestFunction> guestFunction() { return Optional.of(target); }
    }

    private ForeignValue call(long x, CallOptions options) {
        return call(x, new Control(options, false));
    }

    private ForeignValue call(long x, CallContext context) {
        return call(interceptor, x, context);
    }

    private ForeignValue call(CallInterceptor through, long x, CallContext context) {
        return call(through, x, context, () -> { });
    }

    private ForeignValue call(CallInterceptor through, long x, CallContext context, Runnable taken) {
        Call call = new Call(SQUARE, List.of(ForeignValue.of(x)), context, square, taken);
        return through.intercept(call, () -> square.call(call.args(), context));
    }

    private static CallOptions batched(long windowMillis, int maxSize) {
        return CallOptions.DEFAULT.withAttribute(BatchSettings.WINDOW, Long.toString(windowMillis))
            .withAttribute(BatchSettings.MAX_SIZE, Integer.toString(maxSize));
    }

    @Test
    void aBatchIsSentThroughTheLeadingCallsInvocationSoTheRuntimesInterceptorsSeeIt() {
        List<Integer> throughInvocation = new CopyOnWriteArrayList<>();
        Call plain = new Call(SQUARE, List.of(ForeignValue.of(3)), new Control(batched(0, 1), false), square, () -> { });
        Invocation leader = new Invocation() {
            @Override public FunctionId functionId() { return plain.functionId(); }
            @Override public String language() { return plain.language(); }
            @Override public ModuleSpec module() { return plain.module(); }
            @Override public List<ForeignValue> args() { return plain.args(); }
            @Override public CallContext context() { return plain.context(); }
            @Override public Optional<GuestFunction> guestFunction() { return plain.guestFunction(); }

            @Override
            public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
                throughInvocation.add(argsList.size());
                return Invocation.super.callBatch(argsList, context);
            }
        };
        assertThat(interceptor.intercept(leader, () -> square.call(leader.args(), leader.context()))).isEqualTo(ForeignValue.of(9));
        assertThat(throughInvocation).containsExactly(1);
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void offByDefault() {
        assertThat(call(3, CallOptions.DEFAULT)).isEqualTo(ForeignValue.of(9));
        assertThat(batchSizes).isEmpty();
        assertThat(singleCalls).hasValue(1);
    }

    @Test
    void eightThreadsGetTheSameResultsAsUnbatchedCallsInFewerCrossings() throws Exception {
        CallOptions options = batched(20, 8);
        List<Future<List<ForeignValue>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            long thread = t;
            futures.add(threads.submit(() -> {
                List<ForeignValue> results = new ArrayList<>();
                for (long i = 0; i < 50; i++) {
                    results.add(call(thread * 1000 + i, options));
                }
                return results;
            }));
        }
        for (int t = 0; t < 8; t++) {
            List<ForeignValue> results = futures.get(t).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                long x = t * 1000L + i;
                assertThat(results.get(i)).isEqualTo(ForeignValue.of(x * x));
            }
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(batchSizes).allMatch(size -> size <= 8);
        assertThat(batchSizes.size()).isLessThan(400);
    }

    @Test
    void aFailingItemFailsThatCallerOnly() throws Exception {
        CallOptions options = batched(5_000, 3);
        Future<ForeignValue> a = threads.submit(() -> call(2, options));
        Future<ForeignValue> b = threads.submit(() -> call(-1, options));
        Future<ForeignValue> c = threads.submit(() -> call(4, options));
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(4));
        assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(16));
        assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ForeignException.class)
            .hasMessageContaining("negative: -1");
        assertThat(batchSizes).containsExactly(3);   // full before the (long) window: sent at once
    }

    @Test
    void aLoneCallGoesOutWhenTheWindowEnds() {
        long start = System.nanoTime();
        assertThat(call(5, batched(30, 64))).isEqualTo(ForeignValue.of(25));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(25);
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void aCancelledCallerStopsWaitingAndTheOthersGetTheirResults() throws Exception {
        CallOptions options = batched(60_000, 3);   // goes out when the third call fills it, not by the window
        CountDownLatch opened = new CountDownLatch(1);
        Future<ForeignValue> leader = threads.submit(
            () -> call(interceptor, 3, new Control(options, false), opened::countDown));
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();   // the leader has opened the batch
        Control follower = new Control(options, true);
        Future<ForeignValue> cancelled = threads.submit(() -> call(4, follower));
        // it has joined and waits for the batch
        await("the follower waits for the batch").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
            .until(follower::hasActions);
        follower.cancel();
        assertThatThrownBy(() -> cancelled.get(10, TimeUnit.SECONDS)).cause()
            .isInstanceOf(ForeignCancellationException.class);
        assertThat(batchSizes).isEmpty();   // it stopped waiting before the batch went out
        Future<ForeignValue> last = threads.submit(() -> call(5, options));
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(9));
        assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(25));
        assertThat(batchSizes).containsExactly(3);
    }

    @Test
    void aConfiguredRuleBatchesItsFunctionOnly() throws Exception {
        BatchRule rule = new BatchRule("square", "", "fake", 5_000, 2);
        Future<ForeignValue> a = threads.submit(() -> call(rule, 2, new Control(CallOptions.DEFAULT, false)));
        Future<ForeignValue> b = threads.submit(() -> call(rule, 3, new Control(CallOptions.DEFAULT, false)));
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(4));
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of(9));
        assertThat(batchSizes).containsExactly(2);
        assertThat(new BatchRule("square", "", "other", 1, 1).matches(SQUARE)).isFalse();
        assertThat(new BatchRule("square", "m", "", 1, 1).matches(SQUARE)).isTrue();
        assertThat(call(new BatchRule("other", "", "", 5_000, 64), 4, new Control(CallOptions.DEFAULT, false)))
            .isEqualTo(ForeignValue.of(16));   // not its function: straight on, no waiting
        assertThat(batchSizes).containsExactly(2);
    }

    @Test
    void badSettingsSayWhatToFix() {
        assertThatThrownBy(() -> call(1, CallOptions.DEFAULT.withAttribute(BatchSettings.WINDOW, "soon")))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("batch.window.ms=soon");
        assertThatThrownBy(() -> new BatchRule(" ", "", "", 1, 1)).hasMessageContaining("set function");
        assertThatThrownBy(() -> new BatchRule("f", "", "", 1, 0)).hasMessageContaining("1 call or more");
    }
}
