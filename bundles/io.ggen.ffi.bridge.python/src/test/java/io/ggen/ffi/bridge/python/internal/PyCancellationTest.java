package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PyCancellationTest {

    private static final String CODE = """
        calls = 0
        def count():
            global calls
            calls += 1
            return calls
        def spin():
            while True:
                pass
        """;

    private static GraalPyBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void aRunawayCallIsInterruptedAndTheContextReused() {
        try (GuestModule module = TestSupport.code(bridge, CODE)) {
            assertThat(call(module, "count")).isEqualTo(ForeignValue.of(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> module.function("spin").call(List.of(), TestCallContext.timeout(Duration.ofMillis(300))))
                .isInstanceOf(ForeignCancellationException.class)
                .hasMessageContaining("the call to spin was stopped");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 10_000L);
            // Interrupted, not closed: the same context, with its state, serves the next call.
            assertThat(call(module, "count")).isEqualTo(ForeignValue.of(2));
        }
    }

    @Test
    void topLevelCodePastTheLoadTimeoutIsStopped() {
        TestCallContext load = TestCallContext.timeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code("python", "while True:\n    pass\n"), load))
            .isInstanceOf(ForeignException.class);
        // The bridge stays usable.
        try (GuestModule module = TestSupport.code(bridge, CODE)) {
            assertThat(call(module, "count")).isEqualTo(ForeignValue.of(1));
        }
    }
}
