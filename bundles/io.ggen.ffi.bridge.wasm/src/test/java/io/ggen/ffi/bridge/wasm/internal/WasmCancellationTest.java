package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A runaway loop is stopped by its call's timeout or by the module closing, in both modes; the next call works. */
class WasmCancellationTest {

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aTimeoutStopsALoopAndTheNextCallWorks(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(TestSupport.settings(execution, 1)), "numbers.wasm")) {
            TestCallContext timed = TestCallContext.timeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThatThrownBy(() -> module.function("spin").call(List.of(), timed))
                .isInstanceOf(ForeignCancellationException.class)
                .hasMessageContaining("the call to spin was stopped: it timed out or was cancelled");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt stays in the guest").isFalse();
            assertThat(call(module, "add", num(40), num(2))).isEqualTo(num(42));
        }
    }

    @Test
    void aLateCancelOfOneCallNeverStopsTheNextCallOnTheSameInstance() throws Exception {
        ChicoryModule module = (ChicoryModule) TestSupport.file(
            TestSupport.bridge(TestSupport.settings(WasmSettings.Execution.INTERPRETER, 1)), "numbers.wasm");
        try {
            TestCallContext first = TestCallContext.plain();   // like a batch's context: it outlives the call
            assertThat(module.function("add").call(List.of(num(1), num(2)), first)).isEqualTo(num(3));
            CompletableFuture<Object> second = CompletableFuture.supplyAsync(
                () -> module.function("spin").call(List.of(), TestCallContext.plain()));
            await("spin runs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .failFast("spin ended before it was seen running", second::isDone)
                .until(() -> module.pool().runningCount() > 0);
            first.cancel();
            assertThat(second.completeOnTimeout("still running", 300, TimeUnit.MILLISECONDS).get())
                .as("the first call's cancel stops nothing of the second").isEqualTo("still running");
        } finally {
            module.close();   // stops the spin
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aLoadTimeoutStopsAStartFunctionThatLoops(WasmSettings.Execution execution) {
        ChicoryWasmBridge bridge = TestSupport.bridge(execution);
        io.ggen.ffi.api.ModuleSpec looping = io.ggen.ffi.api.ModuleSpec.code(ChicoryWasmBridge.LANGUAGE,
            "(module (func $start (loop br 0)) (start $start))");
        // assembled once without a timeout, so that the timed load below spends its time in the start function
        io.ggen.ffi.api.ModuleSpec bytes = io.ggen.ffi.api.ModuleSpec.bytes(ChicoryWasmBridge.LANGUAGE,
            WatAssembler.assemble(looping.source()));
        assertThatThrownBy(() -> bridge.load(bytes, TestCallContext.timeout(Duration.ofMillis(300))))
            .isInstanceOf(ForeignCancellationException.class)
            .hasMessageContaining("was stopped");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(bridge.openModules()).isZero();
    }

    @Test
    void stoppingTheBridgeStopsAStartFunctionThatLoopsInALoadWithoutTimeout() throws Exception {
        ChicoryWasmBridge bridge = TestSupport.bridge(WasmSettings.Execution.INTERPRETER);
        io.ggen.ffi.api.ModuleSpec looping = io.ggen.ffi.api.ModuleSpec.bytes(ChicoryWasmBridge.LANGUAGE,
            WatAssembler.assemble("(module (func $start (loop br 0)) (start $start))"));
        CompletableFuture<GuestModule> load = CompletableFuture.supplyAsync(() -> bridge.load(looping));
        try {
            // the bridge knows the module before its start code runs
            await("the loading module is known to the bridge").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .failFast("the load ended instead of running its start code", load::isDone)
                .until(() -> bridge.openModules() > 0);
        } finally {
            bridge.deactivate();
        }
        assertThat(load).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
            .withCauseInstanceOf(io.ggen.ffi.api.ForeignException.class);
        assertThat(bridge.openModules()).isZero();
    }

    @Test
    void aCancelAfterTheCallReturnedInterruptsNothing() {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(WasmSettings.Execution.INTERPRETER), "numbers.wasm")) {
            TestCallContext context = TestCallContext.plain();
            assertThat(module.function("add").call(List.of(num(1), num(2)), context)).isEqualTo(num(3));
            context.cancel();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(call(module, "add", num(2), num(2))).isEqualTo(num(4));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void closingTheModuleStopsARunningCall(WasmSettings.Execution execution) throws Exception {
        GuestModule module = TestSupport.file(TestSupport.bridge(TestSupport.settings(execution, 1)), "numbers.wasm");
        TestCallContext plain = TestCallContext.plain();
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                module.function("spin").call(List.of(), plain);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        try {
            awaitBusy((ChicoryModule) module);
        } finally {
            module.close();   // also when the spin never showed: no thread may spin on after the test
        }
        assertThat(running.get(10, TimeUnit.SECONDS))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("its module was closed");
        assertThatThrownBy(() -> call(module, "add", num(1), num(2)))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("was closed");
        assertThatThrownBy(() -> module.function("add"))
            .isInstanceOf(BridgeUnavailableException.class);
    }

    /** Waits until the call runs in the guest. */
    private static void awaitBusy(ChicoryModule module) {
        await("the call runs within 10 s").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
            .until(() -> module.pool().runningCount() >= 1);
    }
}
