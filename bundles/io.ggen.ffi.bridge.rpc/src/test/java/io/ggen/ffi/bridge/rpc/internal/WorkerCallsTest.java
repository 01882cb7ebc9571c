package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many calls at once, pools, timeouts and cancellation, native batches. */
class WorkerCallsTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    /** A bridge like {@link TestWorkers#FAST} but for the grace a cancelled call has before its worker is killed. */
    private RpcWorkerBridge withCancelGrace(Duration grace) {
        WorkerDefaults fast = TestWorkers.FAST;
        return new RpcWorkerBridge(new WorkerDefaults(fast.poolSize(), fast.startTimeout(), fast.callTimeout(),
            fast.restartMax(), fast.restartBackoff(), fast.maxMessageSize(), fast.stopGrace(), grace), log.logger);
    }

    @Test
    void eightThreadsCallOneWorkerAtOnceAndAllGetTheirOwnAnswers() throws Exception {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker());
             ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long thread = t;
                results.add(threads.submit(() -> {
                    List<Long> sums = new ArrayList<>();
                    for (long i = 0; i < 50; i++) {
                        sums.add(((ForeignValue.IntValue) call(module, "add", thread * 1000, i)).value());
                    }
                    return sums;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<Long> expected = new ArrayList<>();
                for (long i = 0; i < 50; i++) {
                    expected.add(t * 1000 + i);
                }
                assertThat(results.get(t).get()).isEqualTo(expected);
            }
            assertThat(TestWorkers.processes(module)).hasSize(1);
        }
    }

    @Test
    void aPoolStartsASecondWorkerWhenTheFirstIsBusy() throws Exception {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker().withOption(WorkerSettings.POOL_SIZE, "2"));
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            assertThat(TestWorkers.processes(module)).hasSize(1);
            Future<ForeignValue> first = threads.submit(() -> call(module, "nap", ForeignValue.of(1.0)));
            assertThat(log.await("napping", Duration.ofSeconds(5))).isTrue();   // its stderr, mirrored: the first is busy
            Set<ForeignValue> pids = new HashSet<>();
            pids.add(call(module, "pid"));
            assertThat(first.get()).isEqualTo(ForeignValue.of("rested"));
            assertThat(TestWorkers.processes(module)).hasSize(2);
            for (int i = 0; i < 4; i++) {
                pids.add(call(module, "pid"));
            }
            assertThat(pids).hasSizeBetween(1, 2);
        }
    }

    @Test
    void aTimeoutCancelsTheCallInTheWorkerWhichKeepsRunning() {
        RpcWorkerBridge patient = withCancelGrace(Duration.ofSeconds(5));   // a grace that does not run out on a busy machine
        try (GuestModule module = patient.load(TestWorkers.sdkWorker())) {
            ForeignValue pid = call(module, "pid");
            long start = System.nanoTime();
            assertThatThrownBy(() -> module.function("nap").call(List.of(ForeignValue.of(30.0)),
                TestCallContext.timeout(Duration.ofMillis(300)))).isInstanceOf(ForeignCancellationException.class)
                .hasMessageContaining("the call to nap in worker");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(call(module, "pid")).isEqualTo(pid); // the worker stopped the call: it was not killed
        } finally {
            patient.deactivate();
        }
    }

    @Test
    void aCallThatIgnoresCancellationFailsAtOnceAndItsWorkerIsKilledAfterTheGrace() throws InterruptedException {
        RpcWorkerBridge graced = withCancelGrace(Duration.ofSeconds(2));
        try (GuestModule module = graced.load(TestWorkers.sdkWorker())) {
            List<ProcessHandle> before = TestWorkers.processes(module);
            long start = System.nanoTime();
            assertThatThrownBy(() -> module.function("hang").call(List.of(),
                TestCallContext.timeout(Duration.ofMillis(300)))).isInstanceOf(ForeignCancellationException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // at once: the caller did not wait for the grace to pass and the worker to be killed
            assertThat(before).hasSize(1).allMatch(ProcessHandle::isAlive);
            assertThat(log.has("did not end the cancelled call")).isFalse();
            assertThat(TestWorkers.allDead(before, Duration.ofSeconds(10))).isTrue();
            assertThat(log.await("did not end the cancelled call to hang within 2s and was killed", Duration.ofSeconds(10)))
                .isTrue();
            assertThat(call(module, "add", 2, 2)).isEqualTo(ForeignValue.of(4));
        } finally {
            graced.deactivate();
        }
    }

    @Test
    void theCallTimeoutOptionLimitsCallsThatGiveNoTimeout() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker().withOption(WorkerSettings.CALL_TIMEOUT, "300ms"))) {
            assertThatThrownBy(() -> call(module, "nap", ForeignValue.of(30.0)))
                .isInstanceOf(ForeignTimeoutException.class)
                .hasMessageContaining("ran past its call timeout of 300ms and was cancelled");
            assertThat(call(module, "add", 1, 1)).isEqualTo(ForeignValue.of(2));
        }
    }

    @Test
    void aBatchIsOneRequestAndAFailingItemFailsAlone() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            List<List<ForeignValue>> items = List.of(
                List.of(ForeignValue.of(6), ForeignValue.of(3)),
                List.of(ForeignValue.of(1), ForeignValue.of(0)),
                List.of(ForeignValue.of(8), ForeignValue.of(2)));
            List<BatchResult> results = module.function("div").callBatch(items, TestCallContext.plain());
            assertThat(results).hasSize(3);
            assertThat(results.get(0).get()).isEqualTo(ForeignValue.of(2.0));
            assertThat(results.get(1).isError()).isTrue();
            assertThat(results.get(1).error()).isInstanceOf(ForeignException.class)
                .hasMessage("[cpython] ZeroDivisionError: division by zero");
            assertThat(results.get(1).error().foreignFrames()).isNotEmpty();
            assertThat(results.get(2).get()).isEqualTo(ForeignValue.of(4.0));
            assertThat(bridge.capabilities().nativeBatching()).isTrue();
        }
    }

    @Test
    void aBatchOfAnUnknownFunctionFailsAsAWhole() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            RpcFunction missing = new RpcFunction((RpcModule) module, "nope");
            assertThatThrownBy(() -> missing.callBatch(List.of(List.of()), TestCallContext.plain()))
                .isInstanceOf(io.ggen.ffi.api.NoSuchFunctionException.class).hasMessageContaining("add, echo");
        }
    }
}
