package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.CallObserver;
import io.ggen.ffi.api.spi.FunctionId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.service.log.Logger;

/** Observers see each call begin and end, with what the caller gets, and are asked once per bound function. */
class CallObserverTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ForeignModule module;

    /** Writes down what it is asked and sees, under its name. */
    private CallObserver recorder(String name) {
        return function -> {
            seen.add(name + " observes " + function.function());
            return new CallObserver.Calls() {
                @Override
                public Object begin() {
                    seen.add(name + " begins " + function.function());
                    return name + "'s token";
                }

                @Override
                public void end(Object begun, RuntimeException failure) {
                    seen.add(name + " ends " + function.function() + " with " + begun + ", "
                        + (failure == null ? "no failure" : failure.getClass().getSimpleName()));
                }
            };
        };
    }

    @BeforeEach
    void load() {
        FakeBridge bridge = new FakeBridge("f");
        runtime.addBridge(bridge, BridgeReferences.reference("test.bridge.f", "fake", "f", 1, Map.of()));
        module = runtime.load(ModuleSpec.code("fake", "whatever"));
    }

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    @Test
    void anObserverIsAskedOncePerFunctionAndSeesEveryCallBeginAndEnd() {
        runtime.addObserver(recorder("metrics"), Map.of());
        ForeignFunction echo = module.function("echo");
        assertThat(echo.invoke(ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
        assertThat(echo.invoke(ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
        assertThatThrownBy(() -> module.function("fail").invoke()).hasMessageContaining("it failed");

        assertThat(seen).containsExactly(
            "metrics observes echo",
            "metrics begins echo", "metrics ends echo with metrics's token, no failure",
            "metrics begins echo", "metrics ends echo with metrics's token, no failure",
            "metrics observes fail",
            "metrics begins fail", "metrics ends fail with metrics's token, ForeignException");
    }

    @Test
    void theFailureSeenIsTheOneTheCallerGets() {
        runtime.addObserver(recorder("metrics"), Map.of());
        assertThatThrownBy(() -> module.function("spin").invoke(List.of(), CallOptions.timeout(Duration.ofMillis(100))))
            .isInstanceOf(ForeignTimeoutException.class);
        assertThat(seen).last().isEqualTo("metrics ends spin with metrics's token, ForeignTimeoutException");
    }

    @Test
    void observersThatComeAndGoAreFollowedAndSeveralNestByRanking() {
        ForeignFunction echo = module.function("echo");
        echo.invoke(ForeignValue.of(1));
        assertThat(seen).isEmpty();

        CallObserver inner = recorder("inner");
        runtime.addObserver(inner, Map.of(Constants.SERVICE_RANKING, 1));
        runtime.addObserver(recorder("outer"), Map.of(Constants.SERVICE_RANKING, 100));
        echo.invoke(ForeignValue.of(2));
        assertThat(seen).containsExactly("outer observes echo", "inner observes echo",
            "outer begins echo", "inner begins echo",
            "inner ends echo with inner's token, no failure", "outer ends echo with outer's token, no failure");

        seen.clear();
        runtime.removeObserver(inner);
        echo.invoke(ForeignValue.of(3));
        assertThat(seen).containsExactly("outer observes echo",
            "outer begins echo", "outer ends echo with outer's token, no failure");
    }

    @Test
    void aFunctionIsObservedUnderItsBridgeModuleAndName() {
        List<FunctionId> asked = new CopyOnWriteArrayList<>();
        runtime.addObserver(function -> {
            asked.add(function);
            return Observers.NONE;
        }, Map.of());
        module.function("whoami").invoke();
        assertThat(asked).extracting(FunctionId::bridge, FunctionId::function).containsExactly(
            tuple("f", "whoami"));
    }
}
