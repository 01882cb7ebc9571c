package io.ggen.ffi.bridge.js.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsSettingsTest {

    /** A configuration as ConfigAdmin would give it; the defaults unless overridden. */
    private static class Config implements GraalJsBridgeConfiguration {
        int poolSize;
        long statementLimit;
        long graceMillis = 1000;
        String nodeModules = "";

        @Override public Class<? extends Annotation> annotationType() { return GraalJsBridgeConfiguration.class; }
        @Override public int pool_size() { return poolSize; }
        @Override public boolean allow_host_access() { return false; }
        @Override public boolean allow_io() { return false; }
        @Override public String node_modules() { return nodeModules; }
        @Override public long statement_limit() { return statementLimit; }
        @Override public long interrupt_grace_ms() { return graceMillis; }
        @Override public int inspect_port() { return 0; }
        @Override public boolean inspect_suspend() { return false; }
    }

    @Test
    void defaultsAreOneContextPerCoreAndSafe() {
        JsSettings settings = JsSettings.from(new Config());
        assertThat(settings).isEqualTo(JsSettings.defaults());
        assertThat(settings.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.allowHostAccess()).isFalse();
        assertThat(settings.allowIo()).isFalse();
        assertThat(settings.nodeModules()).isNull();
        assertThat(settings.interruptGrace()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void wrongValuesSayWhatToFix() {
        Config negativePool = new Config();
        negativePool.poolSize = -1;
        assertThatThrownBy(() -> JsSettings.from(negativePool))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("pool.size must be 0 (one context per core) or positive, not -1 in the configuration io.ggen.ffi.bridge.js");
        Config negativeLimit = new Config();
        negativeLimit.statementLimit = -5;
        assertThatThrownBy(() -> JsSettings.from(negativeLimit)).hasMessageContaining("statement.limit must be 0");
        Config zeroGrace = new Config();
        zeroGrace.graceMillis = 0;
        assertThatThrownBy(() -> JsSettings.from(zeroGrace)).hasMessageContaining("interrupt.grace.ms must be a positive");
        Config missingFolder = new Config();
        missingFolder.nodeModules = "/no/such/folder";
        assertThatThrownBy(() -> JsSettings.from(missingFolder))
            .hasMessageContaining("node.modules: '/no/such/folder' is not a folder");
    }

    @Test
    void nodeModulesIsTheFolderOrTheOneInside(@TempDir Path project) throws Exception {
        Path nodeModules = Files.createDirectories(project.resolve("node_modules"));
        Config config = new Config();
        config.nodeModules = project.toString();
        assertThat(JsSettings.from(config).nodeModules()).isEqualTo(nodeModules.toRealPath());
        config.nodeModules = nodeModules.toString();
        assertThat(JsSettings.from(config).nodeModules()).isEqualTo(nodeModules.toRealPath());
    }

    @Test
    void pathsOutsideTheFolderAreNotInside(@TempDir Path root) {
        assertThat(JsSandbox.isInside(root.resolve("a/b.js"), root)).isTrue();
        assertThat(JsSandbox.isInside(Path.of("a/b.js"), root)).isTrue();
        assertThat(JsSandbox.isInside(root.resolve("../x.js"), root)).isFalse();
        assertThat(JsSandbox.isInside(Path.of("../x.js"), root)).isFalse();
        assertThat(JsSandbox.isInside(Path.of(root + "-sibling/x.js"), root)).isFalse();
    }
}
