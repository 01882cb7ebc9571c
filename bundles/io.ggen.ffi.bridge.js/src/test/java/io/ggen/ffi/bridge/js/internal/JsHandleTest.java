package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue.HandleValue;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsHandleTest {

    private static GraalJsBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(2));
        module = TestSupport.code(bridge, """
            class Counter {
              constructor(start) { this.n = start; }
              add(k) { this.n += k; return this.n; }
              fail() { throw new RangeError('too far'); }
            }
            function counter(start) { return new Counter(start); }
            function valueOf(c) { return c.n; }
            function adder(k) { return x => x + k; }
            function spin() { while (true) {} }
            """);
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    private static ForeignHandle handle(ForeignValue value) {
        assertThat(value).isInstanceOf(HandleValue.class);
        return ((HandleValue) value).handle();
    }

    @Test
    void methodsOfAHandleCanBeInvokedAndReleaseIsIdempotent() {
        ForeignHandle counter = handle(call(module, "counter", ForeignValue.of(10)));
        assertThat(counter.language()).isEqualTo("javascript");
        assertThat(counter.typeName()).isEqualTo("Counter");
        assertThat(counter.invoke("add", List.of(ForeignValue.of(5)))).isEqualTo(ForeignValue.of(15));
        assertThat(counter.invoke("add", List.of(ForeignValue.of(1)))).isEqualTo(ForeignValue.of(16));

        counter.release();
        counter.release();
        assertThat(counter.isReleased()).isTrue();
        assertThatThrownBy(() -> counter.invoke("add", List.of(ForeignValue.of(1))))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("was released");
    }

    @Test
    void handlesGoBackToTheirOwnContextAsArguments() throws Exception {
        // Keep the first context busy so that the handle is made in the second one.
        TestCallContext spinCall = TestCallContext.plain();
        CompletableFuture<ForeignValue> spinning = CompletableFuture.supplyAsync(
            () -> module.function("spin").call(List.of(), spinCall));
        TestSupport.awaitContextTaken(spinCall);
        ForeignHandle second = handle(call(module, "counter", ForeignValue.of(7)));
        assertThat(((JsHandle) second).context().index()).isEqualTo(1);
        spinCall.cancel();
        assertThatThrownBy(spinning::join).hasCauseInstanceOf(ForeignCancellationException.class);

        for (int i = 0; i < 5; i++) {
            assertThat(call(module, "valueOf", ForeignValue.handle(second))).isEqualTo(ForeignValue.of(7));
            try (ForeignHandle first = handle(call(module, "counter", ForeignValue.of(i)))) {
                assertThat(call(module, "valueOf", ForeignValue.handle(first))).isEqualTo(ForeignValue.of(i));
            }
        }
        second.release();
    }

    @Test
    void functionHandlesAreCalledWithTheEmptyMember() {
        try (ForeignHandle add3 = handle(call(module, "adder", ForeignValue.of(3)))) {
            assertThat(add3.typeName()).isEqualTo("Function");
            assertThat(add3.invoke("", List.of(ForeignValue.of(4)))).isEqualTo(ForeignValue.of(7));
        }
    }

    @Test
    void errorsAndMissingMembersAreReported() {
        try (ForeignHandle counter = handle(call(module, "counter", ForeignValue.of(0)))) {
            assertThatThrownBy(() -> counter.invoke("fail", List.of()))
                .isInstanceOf(ForeignException.class)
                .hasMessage("[javascript] RangeError: too far");
            assertThatThrownBy(() -> counter.invoke("missing", List.of()))
                .isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("has no method missing");
        }
    }

    @Test
    void releasedOrForeignHandlesAreRefusedAsArguments() {
        ForeignHandle counter = handle(call(module, "counter", ForeignValue.of(0)));
        counter.release();
        assertThatThrownBy(() -> call(module, "valueOf", ForeignValue.handle(counter)))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("released");

        try (GuestModule other = TestSupport.code(bridge, "function id(x) { return x; }");
             ForeignHandle fresh = handle(call(module, "counter", ForeignValue.of(1)))) {
            assertThatThrownBy(() -> call(other, "id", ForeignValue.handle(fresh)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("only to the module that made them");
        }
        assertThat(call(module, "valueOf", ForeignValue.map(java.util.Map.of(str("n"), ForeignValue.of(9)))))
            .isEqualTo(ForeignValue.of(9));
    }
}
