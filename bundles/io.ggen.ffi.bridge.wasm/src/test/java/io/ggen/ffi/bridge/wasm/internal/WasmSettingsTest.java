package io.ggen.ffi.bridge.wasm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration is validated with messages that name the property; module options override it. */
class WasmSettingsTest {

    @TempDir
    Path folder;

    /** A configuration with these values, the defaults for the rest. */
    private static ChicoryWasmBridgeConfiguration config(int maxPages, String execution, String[] dirs, String[] env) {
        return new ChicoryWasmBridgeConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return ChicoryWasmBridgeConfiguration.class; }
            @Override public int memory_max$_$pages() { return maxPages; }
            @Override public String execution() { return execution; }
            @Override public boolean wasi_enabled() { return true; }
            @Override public String[] wasi_dirs() { return dirs; }
            @Override public String[] wasi_env() { return env; }
            @Override public int pool_size() { return 0; }
        };
    }

    @Test
    void readsAValidConfiguration() {
        WasmSettings settings = WasmSettings.from(config(512, "interpreter", new String[] {folder + "::/data"},
            new String[] {"A=1", "B=x=y"}));
        assertThat(settings.maxPages()).isEqualTo(512);
        assertThat(settings.execution()).isEqualTo(WasmSettings.Execution.INTERPRETER);
        assertThat(settings.dirs()).containsExactly(new WasmSettings.WasiDir(folder.toAbsolutePath(), "/data"));
        assertThat(settings.env()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "x=y"));
        assertThat(settings.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aWrongValueNamesThePropertyAndThePid() {
        assertThatThrownBy(() -> WasmSettings.from(config(256, "jit", new String[0], new String[0])))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'jit' is neither interpreter nor compiler")
            .hasMessageContaining(ChicoryWasmBridge.PID);
        assertThatThrownBy(() -> WasmSettings.from(config(40_000, "compiler", new String[0], new String[0])))
            .hasMessageContaining("0 to 32767 pages");
        assertThatThrownBy(() -> WasmSettings.from(config(256, "compiler", new String[0], new String[] {"NOVALUE"})))
            .hasMessageContaining("wasi.env: 'NOVALUE' is not NAME=VALUE");
        assertThatThrownBy(() -> WasmSettings.from(config(256, "compiler", new String[] {folder.resolve("x").toString()},
                new String[0])))
            .hasMessageContaining("is not a folder");
    }

    @Test
    void moduleOptionsOverrideTheConfiguration() {
        WasmSettings base = WasmSettings.defaults();
        WasmSettings module = base.forModule(Map.of(WasmSettings.MAX_PAGES, "1024", WasmSettings.EXECUTION, "interpreter",
            WasmSettings.WASI, "false", "wasi.env.X", "1", WasmSettings.POOL_SIZE, "3"));
        assertThat(module.maxPages()).isEqualTo(1024);
        assertThat(module.execution()).isEqualTo(WasmSettings.Execution.INTERPRETER);
        assertThat(module.wasi()).isFalse();
        assertThat(module.env()).containsEntry("X", "1");
        assertThat(module.poolSize()).isEqualTo(3);
        assertThat(base.forModule(Map.of("working-dir", "/tmp"))).isEqualTo(base);
    }

    @Test
    void aWrongModuleOptionNamesIt() {
        assertThatThrownBy(() -> WasmSettings.defaults().forModule(Map.of(WasmSettings.MAX_PAGES, "lots")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("the module option memory.max-pages: 'lots' is not a number");
        assertThatThrownBy(() -> WasmSettings.defaults().forModule(Map.of(WasmSettings.POOL_SIZE, "0")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("the pool size must be at least 1");
    }
}
