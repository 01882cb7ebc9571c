package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.bridge.python.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PyHandleTest {

    private static GraalPyBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(2));
        module = TestSupport.code(bridge, """
            class Counter:
                def __init__(self, start):
                    self.value = start
                def add(self, n):
                    self.value += n
                    return self.value
            def counter(start): return Counter(start)
            def value_of(c): return c.value
            def a_set(): return {1, 2}
            def adder(n): return lambda a, b=0, c=0, d=0, e=0: n + a + b + c + d + e
            def halver(): return lambda x: x / 2
            """);
    }

    @AfterAll
    static void stop() {
        module.close();
        bridge.deactivate();
    }

    @Test
    void objectsComeBackAsHandlesWhoseMethodsCanBeCalled() {
        ForeignHandle counter = ((ForeignValue.HandleValue) call(module, "counter", ForeignValue.of(10))).handle();
        assertThat(counter.typeName()).isEqualTo("Counter");
        assertThat(counter.language()).isEqualTo("python");
        assertThat(counter.invoke("add", List.of(ForeignValue.of(5)))).isEqualTo(ForeignValue.of(15));
        assertThat(counter.invoke("value", List.of())).isEqualTo(ForeignValue.of(15));
        assertThat(call(module, "value_of", ForeignValue.handle(counter))).isEqualTo(ForeignValue.of(15));
        assertThatThrownBy(() -> counter.invoke("nope", List.of()))
            .isInstanceOf(NoSuchFunctionException.class).hasMessageContaining("add");
    }

    @Test
    void callableHandlesAreCalledWithAnyNumberOfArgumentsAndKeepIntegralFloats() {
        ForeignHandle adder = ((ForeignValue.HandleValue) call(module, "adder", ForeignValue.of(1))).handle();
        assertThat(adder.invoke("", List.of(ForeignValue.of(2)))).isEqualTo(ForeignValue.of(3));
        assertThat(adder.invoke("", List.of(ForeignValue.of(1), ForeignValue.of(1), ForeignValue.of(1),
            ForeignValue.of(1), ForeignValue.of(1)))).isEqualTo(ForeignValue.of(6));   // more than four
        ForeignHandle halver = ((ForeignValue.HandleValue) call(module, "halver")).handle();
        assertThat(halver.invoke("", List.of(ForeignValue.of(4)))).isEqualTo(ForeignValue.of(2.0));
        assertThat(halver.invoke("", List.of(ForeignValue.of(3)))).isEqualTo(ForeignValue.of(1.5));
    }

    @Test
    void releaseIsDeterministicAndIdempotent() {
        ForeignHandle counter = ((ForeignValue.HandleValue) call(module, "counter", ForeignValue.of(1))).handle();
        counter.release();
        counter.release();
        assertThat(counter.isReleased()).isTrue();
        assertThatThrownBy(() -> counter.invoke("add", List.of(ForeignValue.of(1))))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("released");
    }

    @Test
    void classesAreCallableAndSetsAreHandles() {
        ForeignHandle made = ((ForeignValue.HandleValue) call(module, "Counter", ForeignValue.of(3))).handle();
        assertThat(made.invoke("add", List.of(ForeignValue.of(1)))).isEqualTo(ForeignValue.of(4));
        ForeignHandle set = ((ForeignValue.HandleValue) call(module, "a_set")).handle();
        assertThat(set.typeName()).isEqualTo("set");
        assertThat(set.invoke("__len__", List.of())).isEqualTo(ForeignValue.of(2));
        assertThat(call(module, "len", str("abc"))).isEqualTo(ForeignValue.of(3));
    }
}
