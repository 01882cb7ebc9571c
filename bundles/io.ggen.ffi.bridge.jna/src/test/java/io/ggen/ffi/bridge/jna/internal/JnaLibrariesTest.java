package io.ggen.ffi.bridge.jna.internal;

import static io.ggen.ffi.bridge.jna.internal.TestModules.integer;
import static io.ggen.ffi.c.testing.CBridgeContract.NATIVE;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.testkit.TestCallContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the bridge's libraries are unloaded: when nothing uses them any more, never under a running call. */
class JnaLibrariesTest {

    private static final Path GGENTEST = NATIVE.resolve("libggentest.so");

    private final TestModules modules = new TestModules();

    @AfterEach
    void stop() {
        modules.bridge.deactivate();
    }

    /** Whether the dynamic loader has the library mapped into the process now. */
    private static boolean mapped(Path library) {
        try {
            String real = library.toRealPath().toString();
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(real));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLibraryThatDoesNotLoadIsReportedByTheDynamicLoadersWordsNotJnasClassPathSearch() {
        String jna = """
            Unable to load library '/tmp/libbad.so':
            /tmp/libbad.so: file too short
            /tmp/libbad.so: file too short
            Native library (tmp/libbad.so) not found in resource path (/a.jar:/b.jar:/c.jar)""";
        assertThat(JnaLibraries.dynamicLoaderError(jna)).isEqualTo("/tmp/libbad.so: file too short");
        assertThat(JnaLibraries.dynamicLoaderError("something else")).isEqualTo("something else");
    }

    @Test
    void deactivateUnloadsTheLibrariesAndLaterCallsFailClearly() {
        GuestModule test = load("signature", "long ggentest_live(void)");
        GuestFunction live = test.function("ggentest_live");
        assertThat(live.call(List.of(), TestCallContext.plain())).isEqualTo(ForeignValue.of(0L));
        assertThat(mapped(GGENTEST)).isTrue();
        modules.bridge.deactivate();
        assertThat(modules.bridge.openLibraries()).isZero();
        assertThat(mapped(GGENTEST)).as("dlclose'd").isFalse();
        assertThatThrownBy(() -> live.call(List.of(), TestCallContext.plain()))
            .isInstanceOf(BridgeUnavailableException.class).hasMessageContaining("was closed");
        assertThatThrownBy(() -> test.function("ggentest_live")).isInstanceOf(BridgeUnavailableException.class);
    }

    @Test
    void aLibraryStaysLoadedUntilTheCallRunningInItReturns() {
        GuestModule test = load("signature", "int apply_twice(int (*f)(int), int x)");
        GuestFunction applyTwice = test.function("apply_twice");
        AtomicReference<String> during = new AtomicReference<>();
        CCallback stopTheBridge = CCallback.of("int f(int)", args -> {
            if (during.get() == null) {
                modules.bridge.deactivate();
                String second;
                try {
                    applyTwice.call(List.of(ForeignValue.NULL, ForeignValue.of(1L)), TestCallContext.plain());
                    second = "a new call ran";
                } catch (BridgeUnavailableException e) {
                    second = "a new call refused";
                }
                during.set("mapped=" + mapped(GGENTEST) + ", open=" + modules.bridge.openLibraries() + ", " + second);
            }
            return ForeignValue.of(integer(args.get(0)) * 3);
        });
        assertThat(applyTwice.call(List.of(ForeignValue.handle(stopTheBridge), ForeignValue.of(2L)), TestCallContext.plain()))
            .isEqualTo(ForeignValue.of(18L));
        assertThat(during.get()).isEqualTo("mapped=true, open=1, a new call refused");
        assertThat(modules.bridge.openLibraries()).as("disposed by the call that held it last").isZero();
        assertThat(mapped(GGENTEST)).isFalse();
    }

    @Test
    void anUnfreedBlockKeepsItsFreeFunctionsLibraryLoaded() {
        GuestModule test = load("signature", "void* counter_new(void)", "free.counter_new", "ggentest_free");
        ForeignValue.HandleValue counter = (ForeignValue.HandleValue) call(test, "counter_new");
        modules.bridge.deactivate();
        assertThat(mapped(GGENTEST)).as("ggentest_free is still needed").isTrue();
        counter.handle().release();
        assertThat(modules.memory.live()).isZero();
        assertThat(mapped(GGENTEST)).isFalse();
    }

    @Test
    void modulesShareALibraryAndTheLastOneToCloseUnloadsIt() {
        GuestModule first = load("signature", "long ggentest_live(void)");
        GuestModule second = load("signature", "long ggentest_live(void)");
        assertThat(modules.bridge.openLibraries()).isEqualTo(1);
        first.close();
        first.close();
        assertThat(call(second, "ggentest_live")).isEqualTo(ForeignValue.of(0L));
        second.close();
        assertThat(modules.bridge.openLibraries()).isZero();
        assertThat(mapped(GGENTEST)).isFalse();
        assertThat(call(load("signature", "long ggentest_live(void)"), "ggentest_live")).as("loaded afresh").isEqualTo(ForeignValue.of(0L));
    }

    @Test
    void stoppingTheBridgeUnderLoadLetsRunningCallsFinishAndRefusesTheRest() throws Exception {
        GuestModule analyzer = modules.load("libanalyzer.so", "free", "free_c_string");
        GuestFunction analyze = analyzer.function("analyze_code");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch allCalled = new CountDownLatch(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    int done = 0;
                    while (true) {
                        try {
                            ForeignValue result = analyze.call(List.of(ForeignValue.of("f() {}")), TestCallContext.plain());
                            assertThat(result).isEqualTo(ForeignValue.of("C analysis complete: 1 line, 6 characters, 1 function"));
                            if (done++ == 0) {
                                allCalled.countDown();
                            }
                        } catch (BridgeUnavailableException e) {
                            return done;
                        }
                    }
                }));
            }
            assertThat(allCalled.await(10, TimeUnit.SECONDS)).as("every thread has called").isTrue();
            modules.bridge.deactivate();
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(modules.bridge.openLibraries()).isZero();
        assertThat(mapped(NATIVE.resolve("libanalyzer.so"))).isFalse();
    }

    private GuestModule load(String... options) {
        return modules.load("libggentest.so", options);
    }
}
