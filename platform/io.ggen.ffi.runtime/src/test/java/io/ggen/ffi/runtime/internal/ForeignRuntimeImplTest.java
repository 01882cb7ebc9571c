package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.service.log.Logger;

class ForeignRuntimeImplTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private long serviceIds;

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    @SuppressWarnings("unchecked")
    private FakeBridge add(String language, String name, int ranking, String aliases) {
        return add(new FakeBridge(name), language, ranking, aliases);
    }

    private FakeBridge add(FakeBridge bridge, String language, int ranking, String aliases) {
        Map<String, Object> more = new HashMap<>(Map.of(Constants.SERVICE_RANKING, ranking));
        if (aliases != null) {
            more.put(ForeignBridge.ALIASES, aliases);
        }
        runtime.addBridge(bridge, BridgeReferences.reference("test.bridge." + bridge.tag, language, bridge.tag, ++serviceIds, more));
        return bridge;
    }

    private ForeignModule load(String language) {
        return runtime.load(ModuleSpec.code(language, "whatever"));
    }

    @Test
    void theHighestRankedBridgeServesALanguageAndOthersAreSelectableByName() {
        add("javascript", "low", 1, "js");
        add("javascript", "high", 10, "js");
        assertThat(load("javascript").function("whoami").invoke()).isEqualTo(ForeignValue.of("high"));
        assertThat(load("js").function("whoami").invoke()).isEqualTo(ForeignValue.of("high"));
        assertThat(runtime.load(ModuleSpec.code("js", "x").withBridge("low")).function("whoami").invoke())
            .isEqualTo(ForeignValue.of("low"));
        assertThat(runtime.bridges()).extracting(b -> b.name()).containsExactly("high", "low");
    }

    @Test
    void aMissingBridgeIsReportedWithWhatIsPresent() {
        add("javascript", "graaljs", 0, null);
        assertThatThrownBy(() -> load("python"))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("no bridge for python")
            .hasMessageContaining("javascript");
        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("javascript", "x").withBridge("nope")))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("no bridge named 'nope'").hasMessageContaining("graaljs");
    }

    @Test
    void aMissingFunctionFailsWhenBound() {
        add("fake", "f", 0, null);
        assertThatThrownBy(() -> load("fake").function("nope")).isInstanceOf(NoSuchFunctionException.class);
    }

    @Test
    void aTimeoutStopsTheForeignWorkAndTheNextCallWorks() {
        add("fake", "f", 0, null);
        ForeignModule module = load("fake");
        long start = System.nanoTime();
        assertThatThrownBy(() -> module.function("spin").invoke(List.of(), CallOptions.timeout(Duration.ofMillis(200))))
            .isInstanceOf(ForeignTimeoutException.class)
            .hasMessageContaining("timed out after 200ms");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(module.function("echo").invoke(ForeignValue.of(7))).isEqualTo(ForeignValue.of(7));
    }

    @Test
    void cancellingAnAsyncCallCancelsTheForeignWork() throws Exception {
        FakeBridge bridge = add("fake", "f", 0, null);
        ForeignFunction spin = load("fake").function("spin");
        CompletableFuture<ForeignValue> future = spin.invokeAsync(List.of(), CallOptions.DEFAULT);
        await("spin runs in the guest").atMost(Duration.ofSeconds(10)).until(() -> bridge.spinning.get() > 0);
        assertThat(future.cancel(true)).isTrue();
        assertThatThrownBy(future::get).isInstanceOf(CancellationException.class);
        CompletableFuture<ForeignValue> ok = load("fake").function("echo")
            .invokeAsync(List.of(ForeignValue.of("a")), CallOptions.DEFAULT);
        assertThat(ok.get(5, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of("a"));
    }

    @Test
    void anAsyncTimeoutCompletesTheFutureWithATimeoutException() {
        add("fake", "f", 0, null);
        CompletableFuture<ForeignValue> future = load("fake").function("spin")
            .invokeAsync(List.of(), CallOptions.timeout(Duration.ofMillis(100)));
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ForeignTimeoutException.class);
    }

    @Test
    void aModuleFollowsItsBridgeBeingReplaced() {
        FakeBridge first = add("fake", "f", 0, null);
        ForeignModule module = load("fake");
        ForeignFunction whoami = module.function("whoami");
        assertThat(whoami.invoke()).isEqualTo(ForeignValue.of("f"));

        runtime.removeBridge(first);
        assertThatThrownBy(whoami::invoke).isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("no bridge for fake");

        FakeBridge second = add("fake", "g", 0, null);
        assertThat(whoami.invoke()).isEqualTo(ForeignValue.of("g"));
        assertThat(second.loads).hasValue(1);
        module.close();
        assertThat(second.closedModules).hasValue(1);
        assertThatThrownBy(whoami::invoke).isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("closed");
    }

    @Test
    void interceptorsRunOutermostFirstByRanking() {
        add("fake", "f", 0, null);
        List<String> seen = new ArrayList<>();
        CallInterceptor inner = (inv, next) -> {
            seen.add("inner:" + inv.functionId().function());
            return next.proceed();
        };
        CallInterceptor outer = (inv, next) -> {
            seen.add("outer");
            return next.proceed();
        };
        runtime.addInterceptor(inner, Map.of(Constants.SERVICE_RANKING, 1));
        runtime.addInterceptor(outer, Map.of(Constants.SERVICE_RANKING, 100));
        assertThat(load("fake").function("echo").invoke(ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
        assertThat(seen).containsExactly("outer", "inner:echo");

        CallInterceptor shortCircuit = (inv, next) -> ForeignValue.of("cached");
        runtime.addInterceptor(shortCircuit, Map.of(Constants.SERVICE_RANKING, 1000));
        assertThat(load("fake").function("echo").invoke(ForeignValue.of(1))).isEqualTo(ForeignValue.of("cached"));
        runtime.removeInterceptor(shortCircuit);
        assertThat(load("fake").function("echo").invoke(ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
    }

    @Test
    void anInterceptorThatNamesAttributesIsSkippedForCallsWithoutAny() {
        add("fake", "f", 0, null);
        List<String> seen = new ArrayList<>();
        runtime.addInterceptor((inv, next) -> {
            seen.add("conditional");
            return next.proceed();
        }, Map.of(CallInterceptor.ATTRIBUTES, "cache.pure"));
        runtime.addInterceptor((inv, next) -> {
            seen.add("always");
            return next.proceed();
        }, Map.of());
        var echo = load("fake").function("echo");
        echo.invoke(ForeignValue.of(1));
        assertThat(seen).containsExactly("always");
        seen.clear();
        echo.invoke(List.of(ForeignValue.of(1)), CallOptions.pure());
        assertThat(seen).containsExactlyInAnyOrder("always", "conditional");
    }

    @Test
    void batchesReportErrorsPerItem() {
        add("fake", "f", 0, null);
        var results = load("fake").function("echo")
            .invokeBatch(List.of(List.of(ForeignValue.of(1)), List.of(), List.of(ForeignValue.of(3))), CallOptions.DEFAULT);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get()).isEqualTo(ForeignValue.of(1));
        assertThat(results.get(1).isError()).isTrue();
        assertThat(results.get(2).get()).isEqualTo(ForeignValue.of(3));
    }

    @Test
    void stoppingTheRuntimeClosesItsModules() {
        FakeBridge bridge = add("fake", "f", 0, null);
        ForeignModule module = load("fake");
        runtime.deactivate();
        assertThat(bridge.closedModules).hasValue(1);
        assertThatThrownBy(() -> module.function("echo").invoke(ForeignValue.of(1)))
            .isInstanceOf(ForeignException.class).hasMessageContaining("runtime stopped");
    }

    @Test
    void aLateTimeoutDoesNothingOnceTheCallIsOver() {
        CallControl control = new CallControl(CallOptions.timeout(Duration.ofSeconds(1)), true);
        boolean[] ran = {false};
        control.onCancel(() -> ran[0] = true);
        control.close();
        control.cancel(CallControl.State.TIMED_OUT);
        assertThat(ran[0]).isFalse();
        assertThat(control.isCancelled()).isFalse();
    }

    @Test
    void cancelActionsRegisteredAfterCancellationRunAtOnce() {
        CallControl control = new CallControl(CallOptions.DEFAULT, true);
        control.cancel(CallControl.State.CANCELLED);
        boolean[] ran = {false};
        control.onCancel(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
        assertThatThrownBy(() -> {
            throw new ForeignCancellationException("x", "y");
        }).isInstanceOf(ForeignException.class);
    }

    @Test
    void aCallThatItsBridgeCannotStopIsGivenUpAtItsDeadlinePlusTheGraceAndSaysSo() {
        FakeBridge deaf = add("fake", "deaf", 0, null);   // capabilities NONE: no cancellation
        runtime.isolatedByDefault(List.of());
        ForeignFunction f = load("fake").function("deaf");
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> f.invoke(List.of(), CallOptions.DEFAULT.withTimeout(Duration.ofMillis(200))))
                .isInstanceOf(io.ggen.ffi.api.ForeignStuckCallException.class)
                .hasMessageContaining("call to deaf timed out after 200ms and did not end within a grace of 1s")
                .hasMessageContaining("isolation=process");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1100),
                Duration.ofSeconds(5));
        } finally {
            deaf.release.countDown();
        }
    }

    @Test
    void callsOfBridgesThatCancelAndCallsWithoutTimeoutTakeNoThreadHop() {
        FakeBridge cancelling = new FakeBridge("cancelling");
        cancelling.capabilities = io.ggen.ffi.api.spi.BridgeCapabilities.of(io.ggen.ffi.api.spi.BridgeCapabilities.CANCELLATION);
        add(cancelling, "good", 0, null);
        add("fake", "deaf", 0, null);
        String caller = Thread.currentThread().getName();
        CallOptions timed = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(5));
        assertThat(load("good").function("thread").invoke(List.of(), timed)).isEqualTo(ForeignValue.of(caller));
        assertThat(load("fake").function("thread").invoke(List.of(), CallOptions.DEFAULT))
            .isEqualTo(ForeignValue.of(caller));
        assertThat(load("fake").function("thread").invoke(List.of(), timed).toString()).contains("ggen-ffi-deadline-");
    }

    @Test
    void isolatedModulesGoToTheIsolatorWithTheirBridgeAndTheDefaultIsConfigurablePerLanguage() {
        FakeBridge c = add("c", "panama", 0, null);
        List<ModuleSpec> isolated = new ArrayList<>();
        FakeBridge isolateSide = new FakeBridge("in-isolate");
        runtime.setIsolator(new io.ggen.ffi.api.spi.Isolator() {
            @Override
            public io.ggen.ffi.api.spi.GuestModule load(ModuleSpec spec, io.ggen.ffi.api.BridgeInfo bridge,
                                                        String location, io.ggen.ffi.api.spi.CallContext context) {
                isolated.add(spec);
                assertThat(bridge.name()).isEqualTo("panama");
                assertThat(location).isEqualTo("file:/deploy/panama.jar");
                return isolateSide.load(spec);
            }

            @Override
            public String description() {
                return "test";
            }
        });
        ForeignModule module = runtime.load(ModuleSpec.code("c", "x").isolated());
        assertThat(module.function("whoami").invoke()).isEqualTo(ForeignValue.of("in-isolate"));
        assertThat(module.bridgeName()).isEqualTo("panama");   // metrics name the bridge the isolate runs
        assertThat(c.loads).hasValue(0);

        runtime.isolatedByDefault(List.of("c"));
        assertThat(load("c").function("whoami").invoke()).isEqualTo(ForeignValue.of("in-isolate"));
        assertThat(runtime.load(ModuleSpec.code("c", "x").withOption(ModuleSpec.ISOLATION, "none"))
            .function("whoami").invoke()).isEqualTo(ForeignValue.of("panama"));
        assertThat(isolated).hasSize(2).allMatch(spec -> spec.option(ModuleSpec.ISOLATION).orElseThrow().equals("process"));

        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("c", "x").withOption(ModuleSpec.ISOLATION, "thread")))
            .isInstanceOf(io.ggen.ffi.api.ForeignArgumentException.class)
            .hasMessageContaining("write isolation=process");
    }

    @Test
    void anIsolatedModuleWithoutIsolatorSaysWhichBundleProvidesOne() {
        add("c", "panama", 0, null);
        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("c", "x").isolated()))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("no isolator is present: the bundle io.ggen.ffi.bridge.rpc provides it");
    }

    @Test
    void removingABridgeClosesTheIsolatesOfItsModules() {
        FakeBridge c = add("c", "panama", 0, null);
        FakeBridge isolateSide = new FakeBridge("in-isolate");
        runtime.setIsolator(new io.ggen.ffi.api.spi.Isolator() {
            @Override
            public io.ggen.ffi.api.spi.GuestModule load(ModuleSpec spec, io.ggen.ffi.api.BridgeInfo bridge,
                                                        String location, io.ggen.ffi.api.spi.CallContext context) {
                return isolateSide.load(spec);
            }

            @Override
            public String description() {
                return "test";
            }
        });
        runtime.load(ModuleSpec.code("c", "x").isolated()).function("whoami").invoke();
        runtime.removeBridge(c);
        assertThat(isolateSide.closedModules).hasValue(1);
    }
}
