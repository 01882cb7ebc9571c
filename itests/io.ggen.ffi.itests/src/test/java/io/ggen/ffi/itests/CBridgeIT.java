package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.c.CBinder;
import io.ggen.ffi.c.CFunction;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** The Panama C bridge in a real Felix: real libraries built with gcc, the real memory manager. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CBridgeIT extends PlatformTestSupport {

    private static final String NATIVE = System.getProperty("ggen.test.native");
    private static final String BRIDGE = "io.ggen.ffi.bridge.panama";

    @Inject
    ForeignRuntime runtime;

    @Inject
    CBinder binder;

    @Inject
    NativeMemoryMonitor memory;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    BundleContext context;

    public interface LibC {
        int abs(int value);

        @CFunction(signature = "size_t strlen(const char* s)")
        long strlen(String s);
    }

    @Override
    @Configuration
    public Option[] config() {
        return combine(super.config(), cBridge());
    }

    private ModuleSpec library(String name, String... options) {
        ModuleSpec spec = ModuleSpec.named("c", name).withOption("working-dir", NATIVE);
        for (int i = 0; i < options.length; i += 2) {
            spec = spec.withOption(options[i], options[i + 1]);
        }
        return spec;
    }

    private long live() {
        try (ForeignModule test = runtime.load(library("libggentest.so", "signature", "long ggentest_live(void)"))) {
            return ((Number) test.call("ggentest_live")).longValue();
        }
    }

    @Test
    public void theAnalyzerExampleThroughTheFacadeFreesEveryString() {
        try (ForeignModule analyzer = runtime.load(library("libanalyzer.so", "free", "free_c_string"));
             ForeignModule counter = runtime.load(library("libanalyzer.so", "signature", "long analyzer_live_strings(void)"))) {
            assertThat(analyzer.bridgeName()).isEqualTo("panama");
            for (int i = 0; i < 1000; i++) {
                assertThat(analyzer.call("analyze_code", "int main() {}")).isEqualTo("C analysis complete: 1 line, 13 characters, 1 function");
            }
            assertThat(counter.call("analyzer_live_strings")).isEqualTo(0L);
        }
    }

    @Test
    public void typedBindingsFromTheBinderService() {
        LibC libc = binder.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        assertThat(libc.abs(-5)).isEqualTo(5);
        assertThat(libc.strlen("hello")).isEqualTo(5);
    }

    @Test
    public void badInputGivesTypedErrorsAndTheNextCallWorks() {
        try (ForeignModule libc = runtime.load(library("libc.so.6", "signature", "size_t strlen(const char* s)"))) {
            assertThatThrownBy(() -> libc.call("strlen", "a\0b")).isInstanceOf(ForeignArgumentException.class).hasMessageContaining("NUL");
            assertThatThrownBy(() -> libc.function("no_such_symbol")).isInstanceOf(NoSuchFunctionException.class);
            assertThat(libc.call("strlen", "abc")).isEqualTo(3L);
        }
        assertThatThrownBy(() -> runtime.load(library("libc.so.6", "signature", "int f(")))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("cannot read the C signature");
        assertThatThrownBy(() -> runtime.load(library("no_such_library"))).isInstanceOf(ForeignException.class)
            .hasMessageContaining("cannot find the library 'no_such_library'");
    }

    @Test
    public void fourThreadsOfConcurrentCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ForeignModule analyzer = runtime.load(library("libanalyzer.so", "free", "free_c_string"))) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        String source = "int f" + thread + i + "() {}";
                        assertThat((String) analyzer.call("analyze_code", source)).contains(source.length() + " characters");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    public void aLeakedHandleIsReclaimedAndReportedWithItsAllocationSite() throws Exception {
        configure("PARANOID");
        int before = memory.leaks().size();
        try (ForeignModule test = runtime.load(library("libggentest.so", "signature", "void* counter_new(void)",
            "free.counter_new", "ggentest_free"))) {
            ForeignHandle kept = (ForeignHandle) test.call("counter_new");
            leakOneCounter(test);
            await("the leak is reported").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (memory.leaks().size() != before) {
                    return true;
                }
                System.gc();   // and look again at the next poll
                return false;
            });
            LeakReport leak = memory.leaks().getLast();
            assertThat(leak.owner()).isEqualTo(BRIDGE);
            assertThat(leak.kind()).contains("counter_new");
            assertThat(leak.allocationSite()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).isEqualTo("leakOneCounter"));
            assertThat(live()).as("the leaked counter was freed by its library's function").isEqualTo(1L);
            kept.release();
            assertThat(live()).isZero();
        } finally {
            configure("SIMPLE");
        }
    }

    private void leakOneCounter(ForeignModule test) {
        assertThat(test.call("counter_new")).isInstanceOf(ForeignHandle.class);
    }

    private void configure(String level) throws Exception {
        var config = configurationAdmin.getConfiguration("io.ggen.ffi.memory", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("leak.detection", level);
        config.update(properties);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
            .untilAsserted(() -> assertThat(memory.level().name()).isEqualTo(level));
    }

    @Test
    public void stoppingTheBridgeReleasesItsMemoryAndTurnsBindingsOff() throws Exception {
        Bundle bridge = bundle(context, BRIDGE);
        LibC libc = binder.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        try (ForeignModule test = runtime.load(library("libggentest.so", "signature", "void* counter_new(void)",
            "free.counter_new", "ggentest_free"))) {
            ForeignHandle counter = (ForeignHandle) test.call("counter_new");
            assertThat(liveBlocks(BRIDGE)).isEqualTo(1);
            bridge.stop();
            assertThat(counter.isReleased()).as("freed when its bundle stopped").isTrue();
            assertThat(liveBlocks(BRIDGE)).isZero();
            assertThatThrownBy(() -> libc.abs(-1)).isInstanceOf(BridgeUnavailableException.class);
            assertThatThrownBy(() -> test.call("counter_new")).isInstanceOf(BridgeUnavailableException.class);
            try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function f() { return 'still here'; }"))) {
                assertThat(js.call("f")).isEqualTo("still here");
            }
        } finally {
            bridge.start();
        }
        assertThat(live()).isZero();
    }

    private long liveBlocks(String owner) {
        return memory.usageByBundle().stream().filter(u -> u.owner().equals(owner)).mapToLong(MemoryUsage::liveBlocks).sum();
    }
}
