package io.ggen.ffi.bridge.wasm.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeFramework;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;

/**
 * The bundle this module builds, in a real Felix with the platform's core bundles, as the container's
 * deploy/ folder runs it: it resolves with Chicory and ASM embedded, and both execution modes work
 * there (the compiler defines classes at run time, through the bundle's class loader).
 */
class WasmBridgeIT {

    @RegisterExtension
    static final BridgeFramework FELIX = BridgeFramework.withProjectBundle();

    private static final Path MODULES = Path.of(System.getProperty("ggen.test.wasm", "target/test-wasm"));

    @Test
    void isRegisteredWithItsServicePropertiesAndImportsOnlyThePlatform() {
        BridgeInfo bridge = FELIX.bridge("webassembly");
        assertThat(bridge.name()).isEqualTo("chicory");
        assertThat(bridge.language()).isEqualTo("wasm");
        assertThat(bridge.ranking()).isEqualTo(100);
        assertThat(bridge.capabilities().names()).containsExactlyInAnyOrder("cancellation", "wasi");
        Bundle bundle = FELIX.bundle("io.ggen.ffi.bridge.wasm").orElseThrow();
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle.getHeaders().get("Import-Package"))
            .doesNotContain("com.dylibso").doesNotContain("org.objectweb.asm").doesNotContain("sun.misc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void assemblesTextAndCallsItInEachMode(String execution) {
        ModuleSpec spec = ModuleSpec.code("wasm", "(module (func (export \"add\") (param i32 i32) (result i32)"
            + " local.get 0 local.get 1 i32.add))").withOption("execution", execution);
        try (ForeignModule module = FELIX.runtime().load(spec)) {
            assertThat(module.call("add", 40, 2)).isEqualTo(42L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void runsACProgramWithStringsInEachMode(String execution) {
        ModuleSpec spec = ModuleSpec.file("wasm", MODULES.resolve("text.wasm")).withOption("execution", execution)
            .withOption("result.greet", "string");
        try (ForeignModule module = FELIX.runtime().load(spec)) {
            assertThat(module.call("greet", "Felix")).isEqualTo("Hello, Felix!");
            assertThat(module.call("live_blocks")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void aTimeoutStopsARunawayLoopAndTheNextCallWorks(String execution) {
        ModuleSpec spec = ModuleSpec.file("wasm", MODULES.resolve("numbers.wasm")).withOption("execution", execution);
        try (ForeignModule module = FELIX.runtime().load(spec)) {
            assertThatThrownBy(() -> module.function("spin").invoke(List.of(), CallOptions.timeout(Duration.ofMillis(300))))
                .isInstanceOf(ForeignTimeoutException.class);
            assertThat(module.function("add").invoke(List.of(ForeignValue.of(40), ForeignValue.of(2)), CallOptions.DEFAULT))
                .isEqualTo(ForeignValue.of(42));
        }
    }
}
