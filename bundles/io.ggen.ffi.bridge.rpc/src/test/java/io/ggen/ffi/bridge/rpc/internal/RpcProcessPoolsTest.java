package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ProcessPools.Pool;
import io.ggen.ffi.api.ProcessPools.PoolProcess;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Management of the worker pools, with real Python workers: their pids, figures, and restarts. */
class RpcProcessPoolsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);
    private final RpcProcessPools pools = new RpcProcessPools();

    RpcProcessPoolsTest() {
        pools.addOwner(bridge);
    }

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    private static long pid(GuestModule module) {
        return ((ForeignValue.IntValue) call(module, "pid")).value();
    }

    private Pool onlyPool() {
        assertThat(pools.pools()).hasSize(1);
        return pools.pools().getFirst();
    }

    @Test
    void aWorkerPoolIsListedWithItsRealProcessAndItsCalls() {
        Instant before = Instant.now();
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker());
             GuestModule same = bridge.load(TestWorkers.sdkWorker())) {
            long workerPid = pid(module);
            call(module, "add", 1, 2);
            call(same, "add", 3, 4);

            Pool pool = onlyPool();

            assertThat(pool.id()).matches("worker-\\d+");
            assertThat(pool.kind()).isEqualTo("worker");
            assertThat(pool.label()).startsWith("python3 -u ").contains("sdk_worker.py");
            assertThat(pool.size()).isEqualTo(1);
            assertThat(pool.modules()).as("two modules share the pool").isEqualTo(2);
            PoolProcess process = pool.processes().getFirst();
            assertThat(pool.processes()).hasSize(1);
            assertThat(process.pid()).as("the pid the worker itself reports").isEqualTo(workerPid);
            assertThat(ProcessHandle.of(process.pid())).isPresent()
                .hasValueSatisfying(p -> assertThat(p.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid()));
            assertThat(process.started()).isBetween(before, Instant.now());
            assertThat(process.calls()).isEqualTo(3);
            assertThat(process.inFlight()).isZero();
            assertThat(process.restarts()).isZero();
        }
        assertThat(pools.pools()).as("the last module stopped the pool").isEmpty();
    }

    @Test
    void restartReplacesTheProcessFailsTheCallInFlightAndTheModuleStillAnswers() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            long oldPid = pid(module);
            CompletableFuture<ForeignValue> napping = CompletableFuture.supplyAsync(() -> call(module, "nap", 60));
            await().atMost(PATIENCE).until(() -> onlyPool().processes().getFirst().inFlight() == 1);
            String id = onlyPool().id();

            assertThat(pools.restart(id)).isTrue();

            assertThatThrownBy(napping::join).hasCauseInstanceOf(ForeignException.class)
                .hasMessageContaining("was restarted on request during the call to nap");
            await().atMost(PATIENCE).until(() -> ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false) == false);
            await("a new process, started at once").atMost(PATIENCE)
                .until(() -> onlyPool().processes().size() == 1 && onlyPool().processes().getFirst().pid() != oldPid);
            PoolProcess fresh = onlyPool().processes().getFirst();
            assertThat(fresh.restarts()).isEqualTo(1);
            assertThat(fresh.calls()).isZero();
            assertThat(onlyPool().id()).as("the id stays while the pool runs").isEqualTo(id);
            assertThat(call(module, "add", 20, 22)).isEqualTo(ForeignValue.of(42));
            assertThat(pid(module)).isEqualTo(fresh.pid());
            assertThat(ProcessHandle.of(fresh.pid())).isPresent();
        }
    }

    /** Restarts in a row, without a call between them (an answer would forgive failures): none counts as one. */
    @Test
    void aRestartIsNoFailureOfTheWorkerSoRestartsInARowNeverBackOff() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            for (int i = 0; i < TestWorkers.FAST.restartMax() + 3; i++) {
                long before = onlyPool().processes().getFirst().pid();
                assertThat(pools.restart(onlyPool().id())).isTrue();
                await().atMost(PATIENCE).until(() -> onlyPool().processes().size() == 1
                    && onlyPool().processes().getFirst().pid() != before);
            }
            assertThat(onlyPool().processes().getFirst().restarts()).isEqualTo(TestWorkers.FAST.restartMax() + 3);
            assertThat(call(module, "add", 1, 1)).isEqualTo(ForeignValue.of(2));
            assertThat(log.has("could not start a worker")).isFalse();
        }
    }

    @Test
    void restartOfAnUnknownPoolSaysSo() {
        assertThat(pools.restart("worker-0")).isFalse();
        assertThat(pools.restart("nothing")).isFalse();
    }

    @Test
    void aConfiguredPoolIsListedByNameAndCommandWithTheModulesUsingIt() {
        ConfiguredWorkerPool configured = new ConfiguredWorkerPool(ConfiguredWorkerPoolTest.config(Map.of(
            "name", "math", "pool_size", 2,
            "command", new String[] {"python3", TestWorkers.WORKERS.resolve("sdk_worker.py").toString()},
            "environment", new String[] {"PYTHONPATH=" + TestWorkers.SDK})), log.logger);
        bridge.addWorkerPool(configured);
        try {
            try (GuestModule module = bridge.load(ModuleSpec.named("rpc", "math"))) {
                assertThat(call(module, "add", 1, 2)).isEqualTo(ForeignValue.of(3));
                await().atMost(PATIENCE).until(() -> onlyPool().processes().size() == 2);
                Pool pool = onlyPool();
                assertThat(pool.label()).startsWith("math: python3 ").endsWith("sdk_worker.py");
                assertThat(pool.size()).isEqualTo(2);
                assertThat(pool.modules()).isEqualTo(1);
                assertThat(pool.processes()).extracting(PoolProcess::pid).allMatch(pid -> ProcessHandle.of(pid).isPresent())
                    .doesNotHaveDuplicates();
                assertThat(pool.processes()).extracting(PoolProcess::started).isSorted();
            }
            assertThat(onlyPool().modules()).as("a configured pool outlives its modules").isZero();
        } finally {
            bridge.removeWorkerPool(configured);
            configured.deactivate();
        }
    }

    @Test
    void isolatesAreListedAsSuchAfterTheWorkers() {
        WorkerDefaults d = WorkerDefaults.STANDARD;
        IsolateSettings isolate = new IsolateSettings(new RpcMessages.ModuleParams("c", "panama", "NAME", "libm.so.6",
            Map.of()), Path.of("/tmp"), "256m", "64m", 0, 1);
        WorkerSettings settings = new WorkerSettings("isolate of panama for libm.so.6", "c", List.of("java"), null, -1,
            null, Map.of(), 1, d.startTimeout(), Duration.ZERO, d.restartMax(), d.restartBackoff(), d.maxMessageSize(),
            d.stopGrace(), d.cancelGrace(), isolate);
        WorkerPool notStarted = new WorkerPool(settings, log.logger);
        pools.addOwner(() -> List.of(new PoolOwner.OwnedPool(notStarted, 1)));
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThat(pools.pools()).extracting(Pool::kind).containsExactly("isolate", "worker");
            Pool listed = pools.pools().getFirst();
            assertThat(listed.id()).isEqualTo(notStarted.id()).matches("isolate-\\d+");
            assertThat(listed.label()).isEqualTo("isolate of panama for libm.so.6");
            assertThat(listed.processes()).isEmpty();
            assertThat(pools.restart(listed.id())).as("known, though nothing runs").isTrue();
        }
    }
}
