package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsCancellationTest {

    private static final String CODE = """
        var calls = 0;
        function count() { return ++calls; }
        function spin() { while (true) {} }
        """;

    private GraalJsBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.deactivate();
        }
    }

    @Test
    void infiniteLoopWithTimeoutIsStoppedAndTheContextReused() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        GuestModule module = TestSupport.code(bridge, CODE);
        assertThat(call(module, "count")).isEqualTo(ForeignValue.of(1));

        long start = System.nanoTime();
        TestCallContext timeout = TestCallContext.timeout(Duration.ofMillis(200));
        assertThatThrownBy(() -> module.function("spin").call(List.of(), timeout))
            .isInstanceOf(ForeignCancellationException.class)
            .hasMessageContaining("the call to spin was stopped");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).isBetween(150L, 5_000L);

        // Interrupted, not closed: the same context (with its state) serves the next call.
        assertThat(call(module, "count")).isEqualTo(ForeignValue.of(2));
    }

    @Test
    void withATinyGraceTheContextIsClosedAndReplaced() {
        // 1 ms is (nearly always) too short for the interrupt: the context is closed with cancel instead.
        bridge = TestSupport.bridge(new JsSettings(1, false, false, null, 0, Duration.ofMillis(1)));
        GuestModule module = TestSupport.code(bridge, CODE);
        for (int i = 0; i < 3; i++) {
            TestCallContext timeout = TestCallContext.timeout(Duration.ofMillis(100));
            assertThatThrownBy(() -> module.function("spin").call(List.of(), timeout))
                .isInstanceOf(ForeignCancellationException.class);
            // Replaced (the count starts again) or, when the interrupt was quick enough, reused.
            assertThat(((ForeignValue.IntValue) call(module, "count")).value()).isBetween(1L, i + 2L);
        }
    }

    @Test
    void alreadyCancelledCallDoesNotRun() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        GuestModule module = TestSupport.code(bridge, CODE);
        TestCallContext cancelled = TestCallContext.plain();
        cancelled.cancel();
        assertThatThrownBy(() -> module.function("count").call(List.of(), cancelled))
            .isInstanceOf(ForeignCancellationException.class);
        assertThat(call(module, "count")).isEqualTo(ForeignValue.of(1));
    }

    @Test
    void lateCancelAfterTheCallDoesNotDisturbTheNextCall() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        GuestModule module = TestSupport.code(bridge, CODE + "function slow(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }");
        TestCallContext first = TestCallContext.plain();
        assertThat(module.function("count").call(List.of(), first)).isEqualTo(ForeignValue.of(1));
        assertThat(first.registrations()).isEqualTo(1);
        CompletableFuture<ForeignValue> next = CompletableFuture.supplyAsync(
            () -> call(module, "slow", ForeignValue.of(200_000)));
        first.cancel(); // a stale registration of a finished call: must not interrupt the next one
        assertThat(next.join()).isEqualTo(ForeignValue.of(19_999_900_000L));
    }

    @Test
    void aLoopingCallDoesNotBlockOtherCallers() throws Exception {
        bridge = TestSupport.bridge(TestSupport.settings(2));
        GuestModule module = TestSupport.code(bridge, CODE);
        TestCallContext loopCall = TestCallContext.plain();
        CompletableFuture<ForeignValue> looping = CompletableFuture.supplyAsync(
            () -> module.function("spin").call(List.of(), loopCall));
        TestSupport.awaitContextTaken(loopCall);
        for (int i = 0; i < 20; i++) {
            assertThat(call(module, "count")).isInstanceOf(ForeignValue.IntValue.class);
        }
        loopCall.cancel();
        assertThatThrownBy(looping::join).hasCauseInstanceOf(ForeignCancellationException.class);
    }

    @Test
    void callerWaitingForABusyPoolStopsWhenCancelled() throws Exception {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        GuestModule module = TestSupport.code(bridge, CODE);
        TestCallContext loopCall = TestCallContext.plain();
        CompletableFuture<ForeignValue> looping = CompletableFuture.supplyAsync(
            () -> module.function("spin").call(List.of(), loopCall));
        TestSupport.awaitContextTaken(loopCall);

        TestCallContext waiting = TestCallContext.timeout(Duration.ofMillis(200));
        assertThatThrownBy(() -> module.function("count").call(List.of(), waiting))
            .isInstanceOf(ForeignCancellationException.class)
            .hasMessageContaining("waited for a free context");

        loopCall.cancel();
        assertThatThrownBy(looping::join).hasCauseInstanceOf(ForeignCancellationException.class);
        assertThat(call(module, "count")).isEqualTo(ForeignValue.of(1));
    }
}
