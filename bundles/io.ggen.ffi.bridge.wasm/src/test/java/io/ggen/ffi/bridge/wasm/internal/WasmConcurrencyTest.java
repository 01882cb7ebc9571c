package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Eight threads calling one module at once share a pool of two instances; each instance keeps its own state. */
class WasmConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 300;

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void eightThreadsCallAtOnce(WasmSettings.Execution execution) throws Exception {
        ModuleSpec text = ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("text.wasm")).withOption("result.greet", "string");
        try (GuestModule module = TestSupport.bridge(TestSupport.settings(execution, 2)).load(text)) {
            GuestFunction greet = module.function("greet");
            GuestFunction length = module.function("length");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String name = "thread-" + t;
                    done.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < CALLS; i++) {
                            assertThat(greet.call(List.of(ForeignValue.of(name + i)), TestCallContext.plain()))
                                .isEqualTo(ForeignValue.of("Hello, " + name + i + "!"));
                            assertThat(length.call(List.of(ForeignValue.of(name)), TestCallContext.plain()))
                                .isEqualTo(num(name.length()));
                        }
                        return CALLS;
                    }));
                }
                start.countDown();
                for (Future<Integer> thread : done) {
                    assertThat(thread.get(2, TimeUnit.MINUTES)).isEqualTo(CALLS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(((ChicoryModule) module).pool().liveCount())
                .as("healthy instances are kept for the next calls, at most the pool size").isBetween(1, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void eachInstanceStartsOnceAndKeepsItsState(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(TestSupport.settings(execution, 1)), "counter.wasm")) {
            assertThat(TestSupport.call(module, "next")).as("the start function ran once").isEqualTo(num(101));
            assertThat(TestSupport.call(module, "next")).isEqualTo(num(102));
        }
    }
}
