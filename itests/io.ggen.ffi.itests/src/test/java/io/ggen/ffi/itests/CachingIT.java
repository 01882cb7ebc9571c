package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The cache of pure functions with the JavaScript bridge. Real calls are counted by a JavaScript
 * counter; calls from one thread run in one pooled context, so the counter sees them all.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CachingIT extends PlatformTestSupport {

    static final String COUNTED = """
        let calls = 0;
        function square(x) { calls++; return x * x; }
        function calls_() { return calls; }
        """;

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    BundleContext context;

    private static long calls(ForeignModule js) {
        return (Long) js.call("calls_");
    }

    private static ForeignValue square(ForeignFunction square, long x, CallOptions options) {
        return square.invoke(List.of(ForeignValue.of(x)), options);
    }

    private CallCache cache() {
        ServiceReference<CallCache> reference = context.getServiceReference(CallCache.class);
        assertThat(reference).as("a CallCache service").isNotNull();
        return context.getService(reference);
    }

    @Test
    public void aPureFunctionIsCalledOnceForEachDistinctArgument() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", COUNTED))) {
            ForeignFunction square = js.function("square");
            long hitsBefore = cache().stats().hits();
            for (int i = 0; i < 3; i++) {
                assertThat(square(square, 3, CallOptions.pure())).isEqualTo(ForeignValue.of(9));
                assertThat(square(square, 4, CallOptions.pure())).isEqualTo(ForeignValue.of(16));
            }
            assertThat(calls(js)).isEqualTo(2);
            assertThat(cache().stats().hits() - hitsBefore).isEqualTo(4);
        }
    }

    @Test
    public void aFunctionNotDeclaredPureIsNeverCached() {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", COUNTED))) {
            ForeignFunction square = js.function("square");
            for (int i = 0; i < 5; i++) {
                assertThat(square(square, 3, CallOptions.DEFAULT)).isEqualTo(ForeignValue.of(9));
                assertThat(square(square, 3, CallOptions.DEFAULT.withAttribute(CallOptions.PURE, "false")))
                    .isEqualTo(ForeignValue.of(9));
            }
            assertThat(calls(js)).isEqualTo(10);
        }
    }

    @Test
    public void twoModulesWithTheSameFunctionNameDoNotShareResults() {
        try (ForeignModule a = runtime.load(ModuleSpec.code("javascript", "function f(x) { return x + 1; }"));
             ForeignModule b = runtime.load(ModuleSpec.code("javascript", "function f(x) { return x + 2; }"))) {
            assertThat(a.function("f").invoke(List.of(ForeignValue.of(1)), CallOptions.pure())).isEqualTo(ForeignValue.of(2));
            assertThat(b.function("f").invoke(List.of(ForeignValue.of(1)), CallOptions.pure())).isEqualTo(ForeignValue.of(3));
        }
    }

    @Test
    public void changingAFileModuleReloadsItAndDropsItsMemoizedResults() throws Exception {
        Path file = Files.createTempFile("ggen-cache-it", ".js");
        try {
            Files.writeString(file, "function version(x) { return 1; }\n");
            try (ForeignModule js = runtime.load(ModuleSpec.file("javascript", file))) {
                ForeignFunction version = js.function("version");
                assertThat(version.invoke(List.of(ForeignValue.of(0)), CallOptions.pure())).isEqualTo(ForeignValue.of(1));
                long invalidatedBefore = cache().stats().invalidations();

                Files.writeString(file, "function version(x) { return 2000; }\n");
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
                // the runtime looks at the file at most every 250 ms
                await("the module is loaded again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(version.invoke(List.of(ForeignValue.of(0)), CallOptions.pure()))
                        .isEqualTo(ForeignValue.of(2000)));
                assertThat(cache().stats().invalidations()).isGreaterThan(invalidatedBefore);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void aFileChangedBetweenTwoLoadsDoesNotAnswerWithTheOldResults() throws Exception {
        Path file = Files.createTempFile("ggen-cache-it", ".js");
        try {
            Files.writeString(file, "function version(x) { return 1; }\n");
            try (ForeignModule js = runtime.load(ModuleSpec.file("javascript", file))) {
                assertThat(js.function("version").invoke(List.of(ForeignValue.of(0)), CallOptions.pure()))
                    .isEqualTo(ForeignValue.of(1));
            }
            Files.writeString(file, "function version(x) { return 3000; }\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            try (ForeignModule js = runtime.load(ModuleSpec.file("javascript", file))) {
                assertThat(js.function("version").invoke(List.of(ForeignValue.of(0)), CallOptions.pure()))
                    .isEqualTo(ForeignValue.of(3000));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void theCacheIsBoundedBySizeAndTimeThroughConfigAdmin() throws Exception {
        CallCache before = cache();
        Configuration configuration = configurationAdmin.getConfiguration("io.ggen.ffi.cache", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("max.entries", 50L);
        properties.put("expire.after.write.seconds", 1L);
        configuration.update(properties);
        try {
            CallCache cache = awaitCache(50);
            assertThat(cache).isNotSameAs(before);
            try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", COUNTED))) {
                ForeignFunction square = js.function("square");
                for (long x = 0; x < 500; x++) {
                    assertThat(square(square, x, CallOptions.pure())).isEqualTo(ForeignValue.of(x * x));
                }
                // Caffeine evicts in the background
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(cache.stats().entries()).isLessThanOrEqualTo(50));
                assertThat(cache.stats().evictions()).isGreaterThan(0);

                long calls = calls(js);
                square(square, 1_000, CallOptions.pure());
                square(square, 1_000, CallOptions.pure());
                assertThat(calls(js)).isEqualTo(calls + 1);
                Thread.sleep(1_300);   // not a wait for a condition: the entries' 1 s lifetime passes
                square(square, 1_000, CallOptions.pure());
                assertThat(calls(js)).isEqualTo(calls + 2);   // expired: called again
            }
        } finally {
            configuration.delete();
            awaitCache(10_000);   // back to the defaults: no later test sees the cache restart under its calls
        }
    }

    /** Waits for the cache component to restart with a configuration change, seen in its size bound. */
    private CallCache awaitCache(long maxEntries) {
        CallCache cache = await("a CallCache bounded to " + maxEntries + " entries").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> {
                ServiceReference<CallCache> reference = context.getServiceReference(CallCache.class);
                return reference == null ? null : context.getService(reference);
            }, found -> found != null && found.stats().maxEntries() == maxEntries);
        assertThat(cache).as("a CallCache %d s after the configuration changed", 30).isNotNull();
        assertThat(cache.stats().maxEntries()).isEqualTo(maxEntries);
        return cache;
    }
}
