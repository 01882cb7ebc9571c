package io.ggen.ffi.bridge.python.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PySettingsTest {

    @TempDir
    Path dir;

    private static GraalPyBridgeConfiguration config(int poolSize, String[] path, long grace) {
        return new GraalPyBridgeConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return GraalPyBridgeConfiguration.class; }
            @Override public int pool_size() { return poolSize; }
            @Override public String[] python_path() { return path; }
            @Override public boolean allow_host_access() { return false; }
            @Override public boolean allow_io() { return false; }
            @Override public long statement_limit() { return 0; }
            @Override public long interrupt_grace_ms() { return grace; }
            @Override public int inspect_port() { return 0; }
            @Override public boolean inspect_suspend() { return false; }
        };
    }

    @Test
    void theDefaultsAreSafe() {
        PySettings settings = PySettings.from(config(0, new String[0], 1000));
        assertThat(settings.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.allowHostAccess()).isFalse();
        assertThat(settings.allowIo()).isFalse();
        assertThat(settings.pythonPath()).isEmpty();
    }

    @Test
    void thePythonPathIsResolvedToRealFolders() throws Exception {
        PySettings settings = PySettings.from(config(2, new String[] {dir.toString(), " "}, 1000));
        assertThat(settings.pythonPath()).containsExactly(dir.toRealPath());
    }

    @Test
    void wrongValuesSayWhatToFix() {
        assertThatThrownBy(() -> PySettings.from(config(-1, new String[0], 1000)))
            .hasMessageContaining("pool.size").hasMessageContaining(GraalPyBridge.PID);
        assertThatThrownBy(() -> PySettings.from(config(1, new String[] {dir.resolve("nope").toString()}, 1000)))
            .hasMessageContaining("python.path").hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> PySettings.from(config(1, new String[0], 0)))
            .hasMessageContaining("interrupt.grace.ms");
    }
}
