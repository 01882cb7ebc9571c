package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where modules come from: WebAssembly text, files (relative to working-dir), names, bytes; and the bridge's stop. */
class WasmSourcesTest {

    private static final String ADD = "(module (func (export \"add\") (param i32 i32) (result i32)"
        + " local.get 0 local.get 1 i32.add))";

    @TempDir
    Path folder;

    private final ChicoryWasmBridge bridge = TestSupport.bridge(WasmSettings.Execution.INTERPRETER);

    @Test
    void assemblesWebAssemblyText() {
        try (GuestModule module = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, ";; adds\n" + ADD))) {
            assertThat(call(module, "add", num(40), num(2))).isEqualTo(num(42));
        }
        try (GuestModule bare = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE,
                "(func (export \"one\") (result i32) i32.const 1)"))) {
            assertThat(call(bare, "one")).as("module fields without (module ...)").isEqualTo(num(1));
        }
    }

    @Test
    void loadsBytes() throws IOException {
        try (GuestModule module = bridge.load(ModuleSpec.bytes(ChicoryWasmBridge.LANGUAGE,
                Files.readAllBytes(module("numbers.wasm"))))) {
            assertThat(call(module, "add", num(1), num(2))).isEqualTo(num(3));
        }
    }

    @Test
    void findsANamedModuleWithOrWithoutItsExtensionInTheWorkingDirectory() throws IOException {
        Files.copy(module("numbers.wasm"), folder.resolve("numbers.wasm"));
        for (String name : new String[] {"numbers", "numbers.wasm"}) {
            try (GuestModule module = bridge.load(ModuleSpec.named(ChicoryWasmBridge.LANGUAGE, name)
                    .withOption(WasmSources.WORKING_DIR, folder.toString()))) {
                assertThat(call(module, "add", num(1), num(2))).isEqualTo(num(3));
            }
        }
        assertThatThrownBy(() -> bridge.load(ModuleSpec.named(ChicoryWasmBridge.LANGUAGE, "absent")
                .withOption(WasmSources.WORKING_DIR, folder.toString())))
            .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("FileNotFound"))
            .hasMessageContaining(folder.resolve("absent.wasm").toString());
    }

    @Test
    void assemblesTheCommandLineExample() throws IOException {
        Path example = Path.of("../../examples/wasm/add.wat");
        try (GuestModule module = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, Files.readString(example)))) {
            assertThat(call(module, "add", num(40), num(2))).isEqualTo(num(42));
        }
        try (GuestModule module = bridge.load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, example))) {
            assertThat(call(module, "add", num(40), num(2))).as("a .wat file is text").isEqualTo(num(42));
        }
    }

    @Test
    void aStoppedBridgeLoadsNothingAndClosedItsModules() {
        GuestModule module = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, ADD));
        assertThat(bridge.openModules()).isEqualTo(1);
        bridge.deactivate();
        assertThat(bridge.openModules()).isZero();
        assertThatThrownBy(() -> call(module, "add", num(1), num(2))).isInstanceOf(BridgeUnavailableException.class);
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, ADD)))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("stopped");
    }

    @Test
    void closeIsIdempotent() {
        GuestModule module = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, ADD));
        module.close();
        module.close();
        assertThat(((ChicoryModule) module).pool().liveCount()).isZero();
    }
}
