package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASI isolation: no environment and no files unless configured or given as module options; WASI off refuses WASI modules. */
class WasmWasiTest {

    @TempDir
    Path folder;

    private static ModuleSpec text() {
        return ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("text.wasm"));
    }

    @Test
    void seesNoEnvironmentAndNoFilesByDefault() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "12345");
        try (GuestModule module = TestSupport.bridge(WasmSettings.Execution.INTERPRETER).load(text())) {
            assertThat(call(module, "env_count")).isEqualTo(num(0));
            assertThat(call(module, "env_length", ForeignValue.of("PATH"))).isEqualTo(num(-1));
            assertThat(call(module, "file_size", ForeignValue.of(secret.toString()))).isEqualTo(num(-1));
            assertThat(call(module, "file_size", ForeignValue.of("/etc/passwd"))).isEqualTo(num(-1));
        }
    }

    @Test
    void seesTheConfiguredEnvironmentAndFolders() throws IOException {
        Files.writeString(folder.resolve("data.txt"), "12345");
        WasmSettings settings = new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, WasmSettings.Execution.INTERPRETER, true,
            List.of(WasmSettings.WasiDir.parse(folder + "::/data")), Map.of("GREETING", "hello"), 1);
        try (GuestModule module = TestSupport.bridge(settings).load(text())) {
            assertThat(call(module, "env_count")).isEqualTo(num(1));
            assertThat(call(module, "env_length", ForeignValue.of("GREETING"))).isEqualTo(num(5));
            assertThat(call(module, "file_size", ForeignValue.of("/data/data.txt"))).isEqualTo(num(5));
        }
    }

    @Test
    void moduleOptionsGiveEnvironmentAndNarrowTheConfiguredFolders() throws IOException {
        Path inner = Files.createDirectory(folder.resolve("inner"));
        Files.writeString(inner.resolve("data.txt"), "1234567");
        WasmSettings granting = new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, WasmSettings.Execution.COMPILER, true,
            List.of(WasmSettings.WasiDir.parse(folder.toString())), Map.of(), 1);
        ModuleSpec spec = text().withOption("wasi.env.NAME", "wasm").withOption("wasi.dirs", inner + "::/in");
        try (GuestModule module = TestSupport.bridge(granting).load(spec)) {
            assertThat(call(module, "env_length", ForeignValue.of("NAME"))).isEqualTo(num(4));
            assertThat(call(module, "file_size", ForeignValue.of("/in/data.txt"))).isEqualTo(num(7));
        }
    }

    @Test
    void aModuleCannotWidenWhatTheConfigurationGrants() throws IOException {
        Path granted = Files.createDirectory(folder.resolve("granted"));
        WasmSettings granting = new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, WasmSettings.Execution.INTERPRETER, true,
            List.of(WasmSettings.WasiDir.parse(granted.toString())), Map.of(), 1);
        assertThatThrownBy(() -> TestSupport.bridge(granting).load(text().withOption("wasi.dirs", folder + "::/")))
            .isInstanceOf(ForeignException.class)
            .hasMessageContaining("the module option wasi.dirs")
            .hasMessageContaining("is not inside a folder the configuration io.ggen.ffi.bridge.wasm grants");
        assertThatThrownBy(() -> TestSupport.bridge(granting).load(text().withOption("wasi.dirs", granted + "/../::/")))
            .as("no way out through ..").hasMessageContaining("is not inside a folder");
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER).load(text().withOption("wasi.dirs", "/")))
            .as("nothing granted, nothing to narrow").hasMessageContaining("wasi.dirs: none");
        WasmSettings off = new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, WasmSettings.Execution.INTERPRETER, false,
            List.of(), Map.of(), 1);
        assertThatThrownBy(() -> TestSupport.bridge(off).load(text().withOption("wasi", "true")))
            .hasMessageContaining("WASI is off in the configuration io.ggen.ffi.bridge.wasm");
    }

    @Test
    void wasiOffRefusesAModuleThatImportsIt() {
        WasmSettings off = new WasmSettings(WasmSettings.DEFAULT_MAX_PAGES, WasmSettings.Execution.INTERPRETER, false,
            List.of(), Map.of(), 1);
        assertThatThrownBy(() -> TestSupport.bridge(off).load(text()))
            .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("UnlinkableModule"))
            .hasMessageContaining("imports WASI (wasi_snapshot_preview1), which is off")
            .hasMessageContaining("wasi=true");
        try (GuestModule numbers = TestSupport.file(TestSupport.bridge(off), "numbers.wasm")) {
            assertThat(call(numbers, "add", num(1), num(2))).as("modules without WASI still load").isEqualTo(num(3));
        }
    }

    @Test
    void aMissingFolderIsAClearOptionError() {
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER)
                .load(text().withOption("wasi.dirs", folder.resolve("missing").toString())))
            .isInstanceOf(ForeignException.class)
            .hasMessageContaining("the module option wasi.dirs")
            .hasMessageContaining("is not a folder");
    }
}
