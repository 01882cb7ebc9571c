package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The memory limit: a module that asks for more does not load, growing past it traps, both naming the limit and the option. */
class WasmLimitsTest {

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aModuleAskingForMoreThanTheLimitDoesNotLoad(WasmSettings.Execution execution) {
        ChicoryWasmBridge bridge = TestSupport.bridge(execution);
        assertThatThrownBy(() -> TestSupport.file(bridge, "big-memory.wasm"))
            .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("MemoryLimit"))
            .hasMessageContaining("needs 300 pages of memory (18.75 MiB)")
            .hasMessageContaining("the limit of 256 pages (16 MiB)")
            .hasMessageContaining("memory.max-pages");
        try (GuestModule module = bridge.load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("big-memory.wasm"))
                .withOption(WasmSettings.MAX_PAGES, "300"))) {
            assertThat(call(module, "pages")).isEqualTo(num(300));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void growingPastTheLimitTrapsAndTheNextCallWorks(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(execution), "numbers.wasm")) {
            assertThat(call(module, "grow", num(10))).as("the old size").isEqualTo(num(1));
            assertThatThrownBy(() -> call(module, "grow", num(300)))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.foreignType()).isEqualTo("MemoryLimit");
                    assertThat(e.foreignFrames()).isNotEmpty();
                })
                .hasMessageContaining("past the limit of 256 pages (16 MiB)")
                .hasMessageContaining("module option memory.max-pages");
            assertThat(call(module, "add", num(1), num(2))).isEqualTo(num(3));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aCProgramThatMallocsTooMuchTrapsNamingTheLimit(WasmSettings.Execution execution) {
        ModuleSpec text = ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("text.wasm"));
        ChicoryWasmBridge bridge = TestSupport.bridge(execution);
        try (GuestModule module = bridge.load(text)) {
            assertThat(call(module, "hog", num(4))).isEqualTo(num(1));
            assertThatThrownBy(() -> call(module, "hog", num(32)))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("MemoryLimit"))
                .hasMessageContaining("memory.max-pages");
        }
        try (GuestModule module = bridge.load(text.withOption(WasmSettings.MAX_PAGES, "1024"))) {
            assertThat(call(module, "hog", num(32))).as("with a higher limit").isEqualTo(num(1));
        }
    }
}
