package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** JavaScript through the facade, in a real Felix with the real bundles. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JavaScriptBridgeIT extends PlatformTestSupport {

    @Inject
    ForeignRuntime runtime;

    @Inject
    CallMetrics metrics;

    @Test
    public void referenceCommandTwoWorksThroughTheFacade() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function test() { return 'JS works'; }"))) {
            assertThat(js.call("test")).isEqualTo("JS works");
            assertThat(js.bridgeName()).isEqualTo("graaljs");
        }
    }

    @Test
    public void valuesCrossInBothDirections() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("js",
                "function describe(o) { return { n: o.items.length, first: o.items[0], big: 2n ** 70n, half: o.x / 2 }; }"))) {
            Object result = js.call("describe", Map.of("items", List.of("a\uD83D\uDE00", 2), "x", 3));
            assertThat(result).isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) result;
            assertThat(map.get("n")).isEqualTo(2L);
            assertThat(map.get("first")).isEqualTo("a\uD83D\uDE00");
            assertThat(map.get("big")).isEqualTo(java.math.BigInteger.TWO.pow(70));
            assertThat(map.get("half")).isEqualTo(1.5);
        }
    }

    @Test
    public void eightThreadsOfTenThousandCallsAreAllCorrect() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function add(a, b) { return a + b; }"))) {
            ForeignFunction add = js.function("add");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> wrong = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long thread = t;
                wrong.add(pool.submit(() -> {
                    long errors = 0;
                    for (long i = 0; i < 10_000; i++) {
                        ForeignValue sum = add.invoke(ForeignValue.of(i), ForeignValue.of(thread * 1_000_000));
                        if (!sum.equals(ForeignValue.of(i + thread * 1_000_000))) {
                            errors++;
                        }
                    }
                    return errors;
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            for (Future<Long> f : wrong) {
                assertThat(f.get()).isZero();
            }
        }
        assertThat(metrics.snapshot()).anySatisfy(s -> {
            assertThat(s.function()).isEqualTo("add");
            assertThat(s.calls()).isGreaterThanOrEqualTo(80_000);
        });
    }

    @Test
    public void aTimeoutStopsAnInfiniteLoopAndOtherCallersKeepWorking() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript",
                "function spin() { while (true) {} }\nfunction ok() { return 'still here'; }"))) {
            ExecutorService other = Executors.newSingleThreadExecutor();
            long start = System.nanoTime();
            Future<?> loop = other.submit(() ->
                js.function("spin").invoke(List.of(), CallOptions.timeout(Duration.ofMillis(500))));
            // while the loop runs, another caller is served (by another pooled context)
            assertThat(js.call("ok")).isEqualTo("still here");
            assertThatThrownBy(() -> loop.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ForeignTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            other.shutdown();
            for (int i = 0; i < 10; i++) {   // every context of the pool is usable after the interrupt
                assertThat(js.call("ok")).isEqualTo("still here");
            }
        }
    }

    @Test
    public void aLoadTimeoutStopsAnInfiniteLoopAtTheTopLevel() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("javascript", "while (true) {}\nfunction f() {}"),
                CallOptions.timeout(Duration.ofMillis(500))))
            .isInstanceOf(ForeignTimeoutException.class)
            .hasMessageContaining("loading").hasMessageContaining("timed out after 500ms");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function ok() { return 1; }"),
                CallOptions.timeout(Duration.ofSeconds(30)))) {
            assertThat(js.call("ok")).isEqualTo(1L);
        }
    }

    @Test
    public void aGuestExceptionComesBackWithItsJavaScriptFrames() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript",
                "function inner(x) {\n  throw new TypeError('bad ' + x);\n}\nfunction outer(x) { return inner(x); }"))) {
            assertThatThrownBy(() -> js.call("outer", "input"))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.language()).isEqualTo("javascript");
                    assertThat(e.foreignType()).isEqualTo("TypeError");
                    assertThat(e.foreignMessage()).isEqualTo("bad input");
                    assertThat(e.foreignFrames()).extracting(f -> f.function()).startsWith("inner", "outer");
                    assertThat(e.foreignFrames().getFirst().line()).isEqualTo(2);
                    assertThat(e.getStackTrace()[0].getClassName()).isEqualTo("<javascript>");
                });
        }
    }
}
