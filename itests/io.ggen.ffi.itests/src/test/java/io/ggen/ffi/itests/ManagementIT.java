package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.CallMetrics.FunctionLatency;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.api.ProcessPools.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The management services of API 1.1 in a real Felix, as the Web Console and {@code ggen status}
 * use them: the RPC bridge's process pools, the latency figures of the metrics, and the dropping of
 * one function's memoized results.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementIT extends PlatformTestSupport {

    private static final Path SDK = Path.of("../../sdk/python").toAbsolutePath().normalize();
    private static final Path WORKER = Path.of("src/test/resources/workers/demo_worker.py").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ForeignRuntime runtime;

    @Inject
    ProcessPools processPools;

    @Inject
    CallMetrics metrics;

    @Inject
    CallCache cache;

    @Override
    @Configuration
    public Option[] config() {
        return combine(super.config(), rpcBridge());
    }

    private static long pid(ForeignModule py) {
        return ((Number) py.call("pid")).longValue();
    }

    /** The pool running the demo worker, if it runs. */
    private Optional<Pool> demoPool() {
        return processPools.pools().stream().filter(p -> p.label().contains(WORKER.toString())).findFirst();
    }

    @Test
    public void aCPythonWorkersPoolIsListedWithItsLivePidAndRestartReplacesIt() {
        ModuleSpec spec = ModuleSpec.named("cpython", "python3 " + WORKER).withOption("env.GGEN_SDK_PYTHON", SDK.toString());
        try (ForeignModule py = runtime.load(spec)) {
            long before = pid(py);
            Pool pool = demoPool().orElseThrow(() -> new AssertionError("no pool of the demo worker in "
                + processPools.pools()));
            assertThat(pool.kind()).isEqualTo("worker");
            assertThat(pool.id()).startsWith("worker-");
            assertThat(pool.modules()).isEqualTo(1);
            assertThat(pool.processes()).singleElement().satisfies(process -> {
                assertThat(process.pid()).isEqualTo(before);
                assertThat(ProcessHandle.of(process.pid())).isPresent();
                assertThat(process.calls()).isEqualTo(1);
            });

            assertThat(processPools.restart(pool.id())).isTrue();

            await("the old worker ends").atMost(PATIENCE)
                .until(() -> !ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
            assertThat(py.call("add", 20, 22)).as("the module still answers").isEqualTo(42L);
            long after = pid(py);
            assertThat(after).isNotEqualTo(before);
            assertThat(demoPool()).hasValueSatisfying(restarted -> {
                assertThat(restarted.id()).isEqualTo(pool.id());
                assertThat(restarted.processes()).extracting(ProcessPools.PoolProcess::pid).containsExactly(after);
            });
        }
        assertThat(demoPool()).as("the last module stopped the pool").isEmpty();
        assertThat(processPools.restart("worker-0")).isFalse();
    }

    @Test
    public void latenciesHaveFiguresAfterSomeJavaScriptCalls() {
        ModuleSpec spec = ModuleSpec.code("javascript", "function twice(x) { return 2 * x; }");
        try (ForeignModule js = runtime.load(spec)) {
            ForeignFunction twice = js.function("twice");
            for (long i = 0; i < 50; i++) {
                assertThat(twice.call(i)).isEqualTo(2 * i);
            }
            FunctionLatency latency = metrics.latencies().stream()
                .filter(l -> l.bridge().equals(js.bridgeName()) && l.module().equals(spec.describe())
                    && l.function().equals("twice"))
                .findFirst().orElseThrow(() -> new AssertionError("no latency of twice in " + metrics.latencies()));
            assertThat(latency.all().timedCalls()).as("the first calls are all timed").isEqualTo(50);
            assertThat(latency.all().p50Nanos()).isPositive().isLessThanOrEqualTo(latency.all().p99Nanos());
            assertThat(latency.all().p99Nanos()).isLessThanOrEqualTo(latency.all().maxNanos());
            assertThat(latency.recent()).isNotEmpty().hasSizeLessThanOrEqualTo(2);   // the calls may straddle two windows
            assertThat(latency.recent().stream().mapToLong(CallMetrics.Latency::timedCalls).sum()).isEqualTo(50);
        }
    }

    @Test
    public void invalidateDropsOnePureFunctionsResults() {
        String code = """
            let calls = 0;
            function square(x) { calls++; return x * x; }
            function cube(x) { return x * x * x; }
            function calls_() { return calls; }
            """;
        ModuleSpec spec = ModuleSpec.code("javascript", code);
        try (ForeignModule js = runtime.load(spec)) {
            for (long x = 1; x <= 3; x++) {
                js.function("square").invoke(List.of(ForeignValue.of(x)), CallOptions.pure());
            }
            js.function("cube").invoke(List.of(ForeignValue.of(2)), CallOptions.pure());
            String bridge = js.bridgeName();
            assertThat(cache.functions()).contains(new CallCache.FunctionEntries(bridge, spec.describe(), "square", 3),
                new CallCache.FunctionEntries(bridge, spec.describe(), "cube", 1));
            long invalidationsBefore = cache.stats().invalidations();

            assertThat(cache.invalidate(bridge, spec.describe(), "square")).isEqualTo(3);

            assertThat(cache.stats().invalidations()).isEqualTo(invalidationsBefore + 3);
            assertThat(cache.functions()).extracting(CallCache.FunctionEntries::function).contains("cube")
                .doesNotContain("square");
            long calls = (Long) js.call("calls_");
            js.function("square").invoke(List.of(ForeignValue.of(2)), CallOptions.pure());
            assertThat((Long) js.call("calls_")).as("called again, not answered from the cache").isEqualTo(calls + 1);
        }
    }
}
