package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Objects that stay in the worker: handles, their release, and the Cleaner's leak report. */
class WorkerHandleTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    private static ForeignHandle handle(ForeignValue value) {
        return ((ForeignValue.HandleValue) value).handle();
    }

    @Test
    void aHandleGoesBackToItsObjectUntilItIsReleased() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            ForeignValue counter = call(module, "counter", 10);
            ForeignHandle handle = handle(counter);
            assertThat(handle.language()).isEqualTo("cpython");
            assertThat(call(module, "increment", counter)).isEqualTo(ForeignValue.of(11));
            assertThat(call(module, "increment", ForeignValue.list(counter).get(0))).isEqualTo(ForeignValue.of(12));
            handle.release();
            handle.release(); // idempotent
            assertThat(handle.isReleased()).isTrue();
            assertThatThrownBy(() -> call(module, "increment", counter)).isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("was released");
        }
    }

    @Test
    void handlesInsideAListEachKeepTheirObject() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            ForeignValue.ListValue counters = (ForeignValue.ListValue) call(module, "counters", 3);
            assertThat(call(module, "increment", counters.get(2))).isEqualTo(ForeignValue.of(3));
            assertThat(call(module, "increment", counters.get(0))).isEqualTo(ForeignValue.of(1));
            counters.values().forEach(v -> handle(v).release());
        }
    }

    @Test
    void aHandleOfAWorkerThatRestartedFailsClearly() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            ForeignValue counter = call(module, "counter", 1);
            assertThatThrownBy(() -> call(module, "crash", 5)).hasMessageContaining("exited with status 5");
            TestWorkers.allDead(TestWorkers.processes(module), Duration.ofSeconds(2));
            assertThatThrownBy(() -> call(module, "increment", counter)).isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("is gone: worker '").hasMessageContaining("exited with status 5");
            assertThat(call(module, "add", 1, 1)).isEqualTo(ForeignValue.of(2));
        }
    }

    @Test
    void aDroppedHandleIsReleasedByTheCleanerWhichReportsWhereItCameFrom() throws InterruptedException {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            makeAndDropACounter(module);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!log.has("Leaked handle") && System.nanoTime() < end) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(log.lines).anyMatch(l -> l.startsWith("WARN Leaked handle h1 of worker '")
                && l.contains("returned by counter here") && l.contains("makeAndDropACounter"));
            assertThat(call(module, "add", 1, 1)).isEqualTo(ForeignValue.of(2)); // the release went through
        }
    }

    private static void makeAndDropACounter(GuestModule module) {
        assertThat(call(module, "counter", 7)).isInstanceOf(ForeignValue.HandleValue.class);
    }
}
