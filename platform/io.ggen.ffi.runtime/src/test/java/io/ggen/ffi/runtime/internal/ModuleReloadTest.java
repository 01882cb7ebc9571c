package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

class ModuleReloadTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private final FakeBridge bridge = new FakeBridge("fake");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    private void register() {
        runtime.addBridge(bridge, BridgeReferences.reference("test.bridge", "fake", "fake", 1L));
    }

    private static void touch(Path file, String text, long secondsLater) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void aFileModuleIsLoadedAgainWhenItsFileChangesAndInterceptorsSeeANewGeneration() throws Exception {
        register();
        List<Long> generations = new ArrayList<>();
        List<GuestFunction> targets = new ArrayList<>();
        CallInterceptor spy = (Invocation invocation, CallInterceptor.Chain next) -> {
            generations.add(invocation.moduleGeneration());
            targets.add(invocation.guestFunction().orElseThrow());
            return next.proceed();
        };
        runtime.addInterceptor(spy, Map.of());
        Path file = dir.resolve("m.fake");
        touch(file, "one", 0);
        try (ForeignModule module = runtime.load(ModuleSpec.file("fake", file))) {
            ForeignFunction echo = module.function("echo");
            assertThat(echo.invoke(ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
            assertThat(echo.invoke(ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
            assertThat(bridge.loads).hasValue(1);

            touch(file, "two, longer", 5);
            letTheWatchIntervalPass();
            assertThat(echo.invoke(ForeignValue.of(3))).isEqualTo(ForeignValue.of(3));
            assertThat(bridge.loads).hasValue(2);
            assertThat(bridge.closedModules).hasValue(1);
            assertThat(generations).hasSize(3);
            assertThat(generations.get(1)).isEqualTo(generations.get(0));
            assertThat(generations.get(2)).isNotEqualTo(generations.get(0)).isEqualTo(SourceWatch.stamp(file));
            assertThat(targets).hasSize(3);
        }
    }

    @Test
    void aFileThatNoLongerLoadsFailsOneCallAndTheOldModuleServesOn() throws Exception {
        register();
        Path file = dir.resolve("m.fake");
        touch(file, "one", 0);
        try (ForeignModule module = runtime.load(ModuleSpec.file("fake", file))) {
            ForeignFunction echo = module.function("echo");
            echo.invoke(ForeignValue.of(1));
            bridge.failLoads = true;
            touch(file, "broken!", 5);
            letTheWatchIntervalPass();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> echo.invoke(ForeignValue.of(2)))
                .hasMessageContaining("cannot load");
            letTheWatchIntervalPass();
            assertThat(echo.invoke(ForeignValue.of(3))).isEqualTo(ForeignValue.of(3));   // not tried again
            assertThat(bridge.closedModules).hasValue(0);
        }
    }

    @Test
    void codeModulesAreTheSameGenerationAndNamedModulesADifferentOneEachLoad() {
        register();
        List<Long> generations = new ArrayList<>();
        runtime.addInterceptor((invocation, next) -> {
            generations.add(invocation.moduleGeneration());
            return next.proceed();
        }, Map.of());
        for (int i = 0; i < 2; i++) {
            try (ForeignModule code = runtime.load(ModuleSpec.code("fake", "x"));
                 ForeignModule named = runtime.load(ModuleSpec.named("fake", "lib"))) {
                code.function("echo").invoke(ForeignValue.of(1));
                named.function("echo").invoke(ForeignValue.of(1));
            }
        }
        assertThat(generations.get(0)).isZero();
        assertThat(generations.get(2)).isZero();
        assertThat(generations.get(1)).isNotEqualTo(generations.get(3));
    }

    @Test
    void anUnchangedFileIsNotLoadedAgainAndCodeModulesAreNeverWatched() throws Exception {
        register();
        Path file = dir.resolve("m.fake");
        touch(file, "one", 0);
        try (ForeignModule module = runtime.load(ModuleSpec.file("fake", file));
             ForeignModule code = runtime.load(ModuleSpec.code("fake", "x"))) {
            letTheWatchIntervalPass();
            module.function("echo").invoke(ForeignValue.of(1));
            code.function("echo").invoke(ForeignValue.of(1));
            assertThat(bridge.loads).hasValue(2);
        }
    }

    /**
     * Not a wait for a condition: a file module's source is looked at by the next call, at most once per
     * {@link SourceWatch#INTERVAL_NANOS}; the time passing is what these tests are about.
     */
    private static void letTheWatchIntervalPass() throws InterruptedException {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SourceWatch.INTERVAL_NANOS) + 50);
    }
}
