package io.ggen.ffi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

/** File and named modules are loaded once per bridge; inline code once per load. */
class SharedModulesTest {

    private final ForeignRuntimeImpl runtime = new ForeignRuntimeImpl(mock(ValueConverter.class), mock(Logger.class));
    private final FakeBridge bridge = new FakeBridge("fake");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    private void register(FakeBridge fake, long serviceId) {
        runtime.addBridge(fake, BridgeReferences.reference("test.bridge", "fake", "fake", serviceId));
    }

    private Path file(String text, long secondsLater) throws Exception {
        Path file = dir.resolve("m.fake");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
        return file;
    }

    @Test
    void aFileModuleIsLoadedOnceAndClosedByItsLastHolder() throws Exception {
        register(bridge, 1);
        ModuleSpec spec = ModuleSpec.file("fake", file("one", 0));
        ForeignModule a = runtime.load(spec);
        ForeignModule b = runtime.load(spec);
        assertThat(a.function("echo").invoke(ForeignValue.of(1))).isEqualTo(ForeignValue.of(1));
        assertThat(b.function("echo").invoke(ForeignValue.of(2))).isEqualTo(ForeignValue.of(2));
        assertThat(bridge.loads).hasValue(1);
        a.close();
        assertThat(bridge.closedModules).hasValue(0);
        assertThat(b.function("echo").invoke(ForeignValue.of(3))).isEqualTo(ForeignValue.of(3));
        b.close();
        assertThat(bridge.closedModules).hasValue(1);
        runtime.load(spec).close();   // nobody held it: loaded anew
        assertThat(bridge.loads).hasValue(2);
    }

    @Test
    void namedModulesAreSharedAndInlineCodeIsNot() {
        register(bridge, 1);
        try (ForeignModule a = runtime.load(ModuleSpec.named("fake", "lib"));
             ForeignModule b = runtime.load(ModuleSpec.named("fake", "lib"))) {
            assertThat(bridge.loads).hasValue(1);
            try (ForeignModule c = runtime.load(ModuleSpec.code("fake", "x"));
                 ForeignModule d = runtime.load(ModuleSpec.code("fake", "x"))) {
                assertThat(bridge.loads).hasValue(3);
            }
        }
    }

    @Test
    void aChangedFileIsLoadedOnceForAllItsHoldersAndTheOldModuleClosedWhenAllMovedOn() throws Exception {
        register(bridge, 1);
        ModuleSpec spec = ModuleSpec.file("fake", file("one", 0));
        try (ForeignModule a = runtime.load(spec); ForeignModule b = runtime.load(spec)) {
            file("two, longer", 5);
            // Not a wait for a condition: the next call looks at the file once the watch's interval has passed.
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SourceWatch.INTERVAL_NANOS) + 50);
            a.function("echo").invoke(ForeignValue.of(1));
            assertThat(bridge.loads).hasValue(2);
            assertThat(bridge.closedModules).hasValue(0);   // b still holds the old one
            b.function("echo").invoke(ForeignValue.of(1));
            assertThat(bridge.loads).hasValue(2);           // b took the module a loaded
            assertThat(bridge.closedModules).hasValue(1);
        }
        assertThat(bridge.closedModules).hasValue(2);
    }

    @Test
    void aReplacedBridgeLoadsTheSharedModuleOnceMore() throws Exception {
        register(bridge, 1);
        ModuleSpec spec = ModuleSpec.file("fake", file("one", 0));
        try (ForeignModule a = runtime.load(spec); ForeignModule b = runtime.load(spec)) {
            FakeBridge next = new FakeBridge("next");
            runtime.removeBridge(bridge);
            register(next, 2);
            assertThat(a.function("whoami").invoke()).isEqualTo(ForeignValue.of("next"));
            assertThat(b.function("whoami").invoke()).isEqualTo(ForeignValue.of("next"));
            assertThat(next.loads).hasValue(1);
            assertThat(bridge.closedModules).hasValue(0);   // the removed bridge closed its modules itself
        }
        assertThat(bridge.loads).hasValue(1);
    }
}
