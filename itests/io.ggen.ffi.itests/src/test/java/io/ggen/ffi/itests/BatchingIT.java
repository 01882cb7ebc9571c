package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Explicit batches and automatic micro-batching with the JavaScript bridge. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BatchingIT extends PlatformTestSupport {

    static final String CODE = """
        function f(x) {
          if (x < 0) { throw new RangeError('negative: ' + x); }
          return x * x + 1;
        }
        """;

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    BundleContext context;

    private static List<ForeignValue> args(long x) {
        return List.of(ForeignValue.of(x));
    }

    @Test
    public void anExplicitBatchKeepsItsOrderAndFailsOnlyTheFailingItem() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            List<BatchResult> results = js.function("f").invokeBatch(
                List.of(args(1), args(2), args(-3), args(4)), CallOptions.DEFAULT);
            assertThat(results).hasSize(4);
            assertThat(results.get(0).get()).isEqualTo(ForeignValue.of(2));
            assertThat(results.get(1).get()).isEqualTo(ForeignValue.of(5));
            assertThat(results.get(2).isError()).isTrue();
            assertThat(results.get(2).error()).isInstanceOf(ForeignException.class);
            assertThat(results.get(2).error().foreignType()).isEqualTo("RangeError");
            assertThat(results.get(2).error().foreignMessage()).contains("negative: -3");
            assertThat(results.get(3).get()).isEqualTo(ForeignValue.of(17));
        }
    }

    @Test
    public void microBatchingUnderEightThreadsGivesTheSameResultsAsUnbatchedCalls() throws Exception {
        CallOptions batched = CallOptions.DEFAULT.withAttribute("batch.window.ms", "2")
            .withAttribute("batch.max.size", "16");
        // Innermost of all: a batched call goes to the bridge from the batching interceptor and never gets here.
        AtomicInteger passedByBatching = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        CallInterceptor spy = (invocation, next) -> {
            seen.incrementAndGet();
            if (invocation.context().options().attribute("batch.window.ms").isPresent()) {
                passedByBatching.incrementAndGet();
            }
            return next.proceed();
        };
        ServiceRegistration<CallInterceptor> registration = context.registerService(CallInterceptor.class, spy,
            new Hashtable<>(Map.of(Constants.SERVICE_RANKING, -2000)));
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
            ForeignFunction f = js.function("f");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Object>>> threads = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    long thread = t;
                    threads.add(pool.submit(() -> {
                        List<CompletableFuture<ForeignValue>> calls = new ArrayList<>();
                        for (long i = 0; i < 100; i++) {
                            long x = i % 10 == 9 ? -i : thread * 1000 + i;   // every tenth call fails
                            calls.add(f.invokeAsync(args(x), batched));
                        }
                        List<Object> outcomes = new ArrayList<>();
                        for (CompletableFuture<ForeignValue> call : calls) {
                            outcomes.add(call.handle((v, e) -> v != null ? v : e.getClass().getSimpleName()).get(60, TimeUnit.SECONDS));
                        }
                        return outcomes;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    List<Object> outcomes = threads.get(t).get(120, TimeUnit.SECONDS);
                    for (int i = 0; i < 100; i++) {
                        long x = i % 10 == 9 ? -i : t * 1000L + i;
                        Object expected = unbatched(f, x);
                        assertThat(outcomes.get(i)).as("thread %d call %d", t, i).isEqualTo(expected);
                    }
                }
                assertThat(passedByBatching).as("batched calls that skipped the batching").hasValue(0);
                assertThat(seen).as("unbatched calls the spy saw").hasValue(800);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            registration.unregister();
        }
    }

    private static Object unbatched(ForeignFunction f, long x) {
        try {
            return f.invoke(args(x), CallOptions.DEFAULT);
        } catch (ForeignException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    public void aFactoryConfigurationTurnsMicroBatchingOnForOneFunction() throws Exception {
        Configuration rule = configurationAdmin.createFactoryConfiguration("io.ggen.ffi.batch.function", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("function", "f");
        properties.put("window.ms", 5L);
        properties.put("max.size", 4);
        rule.update(properties);
        try {
            // the rule's component comes up: its interceptor, which the runtime takes as it is registered
            await("the rule's interceptor").atMost(Duration.ofSeconds(30)).until(() -> !context.getServiceReferences(
                CallInterceptor.class, "(" + Constants.SERVICE_PID + "=" + rule.getPid() + ")").isEmpty());
            try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", CODE))) {
                ForeignFunction f = js.function("f");
                List<CompletableFuture<ForeignValue>> calls = new ArrayList<>();
                for (long x = 0; x < 40; x++) {
                    calls.add(f.invokeAsync(args(x), CallOptions.DEFAULT));
                }
                for (int x = 0; x < 40; x++) {
                    assertThat(calls.get(x).get(30, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of((long) x * x + 1));
                }
            }
        } finally {
            rule.delete();
        }
    }
}
