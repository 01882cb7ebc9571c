package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workers that crash, hang, or break the protocol: clear errors, no process left, and the next call works. */
class WorkerFailuresTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    /** The processes this JVM runs whose command line mentions the script. */
    private static List<ProcessHandle> running(String script) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains(script)).toList();
    }

    @Test
    void aWorkerThatExitsMidCallFailsTheCallWithItsStatusAndIsRestarted() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            List<ProcessHandle> before = TestWorkers.processes(module);
            assertThatThrownBy(() -> call(module, "crash", 3)).isInstanceOf(ForeignException.class)
                .hasMessageContaining("worker 'python3 -u ")
                .hasMessageContaining("' exited with status 3 during the call to crash")
                .hasMessageContaining("about to exit with 3")
                .satisfies(e -> assertThat(((ForeignException) e).foreignType()).isEqualTo(RpcErrors.WORKER_FAILURE));
            assertThat(TestWorkers.allDead(before, Duration.ofSeconds(5))).isTrue();
            assertThat(call(module, "add", 1, 2)).isEqualTo(ForeignValue.of(3));
            assertThat(TestWorkers.processes(module)).doesNotContainAnyElementsOf(before);
        }
    }

    @Test
    void garbageOnStdoutBreaksTheConnectionKillsTheWorkerAndTheNextCallWorks() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "garbage_worker.py"))) {
            List<ProcessHandle> before = TestWorkers.processes(module);
            assertThatThrownBy(() -> call(module, "bad")).isInstanceOf(ForeignException.class)
                .hasMessageContaining("wrote to stdout what is not a frame header: \"hello from a print() that went"
                    + " to stdout\"")
                .hasMessageContaining("during the call to bad");
            assertThat(TestWorkers.allDead(before, Duration.ofSeconds(5))).isTrue();
            assertThat(call(module, "ok")).isEqualTo(ForeignValue.of("ok"));
        }
    }

    @Test
    void malformedJsonInAFrameFailsTheCallAndTheNextCallWorks() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "malformed_worker.py"))) {
            assertThatThrownBy(() -> call(module, "bad")).isInstanceOf(ForeignException.class)
                .hasMessageContaining("answered the call to bad with a message that cannot be read")
                .hasMessageContaining("malformed JSON");
            assertThat(call(module, "ok")).isEqualTo(ForeignValue.of("ok"));
        }
    }

    /** Regression: a caller writing to a worker that stopped reading blocked in the pipe, past every timeout, and stop hung. */
    @Test
    void aWorkerThatStopsReadingCannotBlockCallersOrItsStop() throws Exception {
        GuestModule module = bridge.load(TestWorkers.spec("cpython", "stuck_worker.py").withOption("call-timeout", "2s"));
        try {
            var stuck = java.util.concurrent.CompletableFuture.runAsync(() -> call(module, "bad"));
            assertThat(log.await("stuck in bad(), not reading", Duration.ofSeconds(5))).isTrue();   // its stderr, mirrored
            String large = "x".repeat(4 << 20);   // far more than a pipe holds
            long start = System.nanoTime();
            assertThatThrownBy(() -> call(module, "ok", ForeignValue.of(large))).isInstanceOf(ForeignException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThatThrownBy(stuck::join).hasCauseInstanceOf(ForeignException.class);
            ForeignValue answer = null;
            for (int i = 0; i < 50 && answer == null; i++) {   // the stuck worker is killed after the cancel grace, then restarted
                try {
                    answer = call(module, "ok");
                } catch (ForeignException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(answer).isEqualTo(ForeignValue.of("ok"));
        } finally {
            long start = System.nanoTime();
            module.close();
            bridge.deactivate();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(running("stuck_worker.py")).isEmpty();
    }

    @Test
    void anOversizedFrameIsRefusedAndTheWorkerRestarted() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "oversized_worker.py"))) {
            List<ProcessHandle> before = TestWorkers.processes(module);
            assertThatThrownBy(() -> call(module, "bad")).isInstanceOf(ForeignException.class)
                .hasMessageContaining("sent a message of 1099511627776 bytes, which exceeds the limit of 67108864"
                    + " bytes during the call to bad");
            assertThat(TestWorkers.allDead(before, Duration.ofSeconds(5))).isTrue();
            assertThat(call(module, "ok")).isEqualTo(ForeignValue.of("ok"));
        }
    }

    @Test
    void aRequestOverTheLimitIsRefusedBeforeItIsSent() {
        WorkerDefaults small = new WorkerDefaults(1, Duration.ofSeconds(10), Duration.ZERO, 5, Duration.ofMillis(50),
            4096, Duration.ofSeconds(1), Duration.ofMillis(500));
        RpcWorkerBridge limited = new RpcWorkerBridge(small, log.logger);
        try (GuestModule module = limited.load(TestWorkers.sdkWorker())) {
            assertThatThrownBy(() -> call(module, "echo", ForeignValue.of("x".repeat(10_000))))
                .isInstanceOf(io.ggen.ffi.api.ForeignArgumentException.class)
                .hasMessageContaining("exceeds the limit of 4096 bytes");
            assertThat(call(module, "echo", ForeignValue.of("small"))).isEqualTo(ForeignValue.of("small"));
        } finally {
            limited.deactivate();
        }
    }

    @Test
    void aWorkerOfAnotherProtocolVersionIsRefusedNamingBothVersions() throws InterruptedException {
        assertThatThrownBy(() -> bridge.load(TestWorkers.spec("cpython", "version2_worker.py")))
            .isInstanceOf(ForeignException.class)
            .hasMessageContaining("speaks protocol version 2, but this platform speaks version 1");
        assertThat(TestWorkers.allDead(running("version2_worker.py"), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aWorkerThatDoesNotAnswerInitializeIsKilledAfterTheStartTimeout() throws InterruptedException {
        // long enough for python3 to start and say so on a busy machine; well below FAST's 10s
        ModuleSpec spec = TestWorkers.spec("cpython", "silent_worker.py").withOption(WorkerSettings.START_TIMEOUT, "3s");
        long start = System.nanoTime();
        assertThatThrownBy(() -> bridge.load(spec)).isInstanceOf(ForeignException.class)
            .hasMessageContaining("' did not answer initialize within 3s; stderr said: silent worker up, not answering");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(TestWorkers.allDead(running("silent_worker.py"), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aProgramThatCannotBeStartedSaysSo() {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.named("go", "no-such-program-3f9a --flag")))
            .isInstanceOf(ForeignException.class)
            .hasMessageContaining("worker 'no-such-program-3f9a --flag' cannot be started as no-such-program-3f9a --flag");
    }

    @Test
    void afterTooManyFailuresInARowCallsFailAtOnceUntilTheBackoffPassed() throws InterruptedException {
        // the backoff after the third failure (500ms doubled twice) leaves ample time to see that calls fail at once
        WorkerDefaults twoRestarts = new WorkerDefaults(1, Duration.ofSeconds(10), Duration.ZERO, 2,
            Duration.ofMillis(500), 64 * 1024 * 1024, Duration.ofSeconds(1), Duration.ofMillis(500));
        RpcWorkerBridge strict = new RpcWorkerBridge(twoRestarts, log.logger);
        try (GuestModule module = strict.load(TestWorkers.sdkWorker())) {
            for (int i = 1; i <= 3; i++) {
                assertThatThrownBy(() -> call(module, "crash", 4)).hasMessageContaining("exited with status 4");
                TestWorkers.allDead(TestWorkers.processes(module), Duration.ofSeconds(2));
                // the session has seen the end: it logs the failure, then (at once) counts it
                assertThat(log.await("it is started again for the next call", i, Duration.ofSeconds(10))).isTrue();
            }
            assertThatThrownBy(() -> call(module, "add", 1, 1)).isInstanceOf(ForeignException.class)
                .hasMessageContaining("failed 3 times in a row (last: exited with status 4); it is started again in");
            ForeignValue answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {   // until the backoff passed: 2s
                try {
                    answer = call(module, "add", 1, 1);
                } catch (ForeignException e) {
                    assertThat(e).hasMessageContaining("failed 3 times in a row");
                    Thread.sleep(100);
                }
            }
            assertThat(answer).isEqualTo(ForeignValue.of(2));
        } finally {
            strict.deactivate();
        }
    }
}
