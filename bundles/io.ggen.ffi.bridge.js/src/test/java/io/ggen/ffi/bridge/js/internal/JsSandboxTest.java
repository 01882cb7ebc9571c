package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsSandboxTest {

    private static GraalJsBridge bridge;

    @TempDir
    static Path project;
    private static Path nodeModules;
    private static Path secret;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        nodeModules = Files.createDirectories(project.resolve("node_modules"));
        Files.createDirectories(nodeModules.resolve("greet"));
        Files.writeString(nodeModules.resolve("greet/index.js"), "module.exports = n => 'hi ' + n;");
        secret = Files.writeString(project.resolve("secret.js"), "module.exports = 'the secret';");
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void hostAccessIsRefused() {
        try (GuestModule module = TestSupport.code(bridge, "function sys() { return Java.type('java.lang.System'); }")) {
            assertThatThrownBy(() -> call(module, "sys"))
                .asInstanceOf(type(ForeignException.class))
                .satisfies(e -> {
                    assertThat(e.foreignType()).isEqualTo("ReferenceError");
                    assertThat(e.foreignMessage()).isEqualTo("Java is not defined");
                });
        }
    }

    @Test
    void withoutNodeModulesRequireIsNotDefined() {
        try (GuestModule module = TestSupport.code(bridge, "function has() { return typeof require; }")) {
            assertThat(call(module, "has")).isEqualTo(str("undefined"));
        }
    }

    @Test
    void withoutIoFilesCannotBeRead() {
        try (GuestModule module = TestSupport.code(bridge, "function read(p) { return load(p); }")) {
            assertThatThrownBy(() -> call(module, "read", str(secret.toString())))
                .isInstanceOf(ForeignException.class)
                .hasMessageContaining("not allowed");
        }
    }

    @Test
    void requireWorksFromTheModulesNodeModulesFolder() {
        try (GuestModule module = TestSupport.code(bridge,
                "const greet = require('greet');\nfunction hello(n) { return greet(n); }", nodeModules)) {
            assertThat(call(module, "hello", str("ada"))).isEqualTo(str("hi ada"));
        }
    }

    @Test
    void aProjectFolderWithNodeModulesInsideWorksToo() {
        try (GuestModule module = TestSupport.code(bridge, "function hello(n) { return require('greet')(n); }", project)) {
            assertThat(call(module, "hello", str("bob"))).isEqualTo(str("hi bob"));
        }
    }

    @Test
    void filesOutsideTheNodeModulesFolderCannotBeRead() {
        try (GuestModule module = TestSupport.code(bridge, """
                function relative() { return require('../secret.js'); }
                function absolute(p) { return require(p); }
                function loaded(p) { return load(p); }
                """, nodeModules)) {
            assertThatThrownBy(() -> call(module, "relative"))
                .isInstanceOf(ForeignException.class).hasMessageContaining("not allowed");
            assertThatThrownBy(() -> call(module, "absolute", str(secret.toString())))
                .isInstanceOf(ForeignException.class).hasMessageContaining("not allowed");
            assertThatThrownBy(() -> call(module, "loaded", str(secret.toString())))
                .isInstanceOf(ForeignException.class).hasMessageContaining("not allowed");
        }
    }

    @Test
    void aMissingNodeModulesFolderIsABadArgument() {
        assertThatThrownBy(() -> TestSupport.code(bridge, "function f() {}", project.resolve("missing")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("node-modules")
            .hasMessageContaining("is not a folder");
    }

    @Test
    void configuredNodeModulesAndHostAccessApplyToEveryModule() {
        GraalJsBridge open = TestSupport.bridge(new JsSettings(1, true, false,
            JsSettings.nodeModulesFolder(nodeModules.toString()), 0, Duration.ofMillis(500)));
        try (GuestModule module = TestSupport.code(open, """
                function hello(n) { return require('greet')(n); }
                function javaName() { return Java.type('java.lang.Integer').toString(7); }
                """)) {
            assertThat(call(module, "hello", str("cy"))).isEqualTo(str("hi cy"));
            assertThat(call(module, "javaName")).isEqualTo(str("7"));
        } finally {
            open.deactivate();
        }
    }
}
