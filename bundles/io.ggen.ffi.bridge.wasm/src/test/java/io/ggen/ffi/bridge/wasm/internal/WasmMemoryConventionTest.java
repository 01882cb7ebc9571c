package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Strings and bytes through the memory convention, with a C program built for WASI (src/test/c/text.c):
 * copied in through its alloc, results read from (ptr, len) and freed through its dealloc; libc's
 * strlen, snprintf and printf, whose stdout goes to the log.
 */
class WasmMemoryConventionTest {

    private static ModuleSpec text() {
        return ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("text.wasm"))
            .withOption("result.greet", "string")
            .withOption("result.reverse", "bytes")
            .withOption("result.motto", "string")
            .withOption("free.motto", "none");
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void stringsGoInAsPointerAndLengthAndComeBackFreed(WasmSettings.Execution execution) {
        TestSupport.LogCapture log = new TestSupport.LogCapture();
        ChicoryWasmBridge bridge = new ChicoryWasmBridge(TestSupport.settings(execution, 1), log.logger(), "test");
        try (GuestModule module = bridge.load(text())) {
            assertThat(call(module, "length", ForeignValue.of("héllo"))).as("strlen of the UTF-8 bytes").isEqualTo(num(6));
            assertThat(call(module, "length", ForeignValue.of(""))).isEqualTo(num(0));
            assertThat(call(module, "greet", ForeignValue.of("wasm"))).isEqualTo(ForeignValue.of("Hello, wasm!"));
            assertThat(call(module, "live_blocks")).as("arguments and results freed").isEqualTo(num(0));
            assertThat(log.lines).anyMatch(line -> line.startsWith("info ") && line.endsWith("stdout: greeting wasm"));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void bytesRoundTrip(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.bridge(execution).load(text())) {
            byte[] bytes = {0, 1, 2, (byte) 0xFF, 0};
            assertThat(call(module, "reverse", ForeignValue.of(bytes)))
                .isEqualTo(ForeignValue.of(new byte[] {0, (byte) 0xFF, 2, 1, 0}));
            assertThat(call(module, "reverse", ForeignValue.of(new byte[0]))).isEqualTo(ForeignValue.of(new byte[0]));
            assertThat(call(module, "live_blocks")).isEqualTo(num(0));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aResultTheModuleKeepsIsNotFreed(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.bridge(execution).load(text())) {
            assertThat(call(module, "motto")).isEqualTo(ForeignValue.of("wasm works"));
            assertThat(call(module, "motto")).isEqualTo(ForeignValue.of("wasm works"));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void withoutADeclaredResultThePackedNumberComesBack(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.bridge(execution).load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE,
                module("text.wasm")).withOption("free.motto", "none"))) {
            long packed = ((ForeignValue.IntValue) call(module, "motto")).value();
            assertThat(packed & 0xFFFF_FFFFL).as("the length in the low 32 bits").isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aStringArgumentNeedsAnAllocator(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(execution), "numbers.wasm")) {
            assertThatThrownBy(() -> call(module, "add", ForeignValue.of("forty-two")))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("exports no alloc(i32 len) -> i32 ptr");
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aDeclaredStringResultNeedsPointerAndLength(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.bridge(execution).load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE,
                module("numbers.wasm")).withOption("result.add", "string"))) {
            assertThatThrownBy(() -> module.function("add"))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("result.add=string needs add to return an i64 (ptr << 32 | len)")
                .hasMessageContaining("add(i32, i32) -> i32");
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aNamedAllocatorMustBeExported(WasmSettings.Execution execution) {
        assertThatThrownBy(() -> TestSupport.bridge(execution).load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE,
                module("text.wasm")).withOption(MemoryConvention.ALLOC_OPTION, "my_alloc")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("memory.alloc names my_alloc, which the module does not export");
    }
}
