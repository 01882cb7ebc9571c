package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.bridge.python.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraalPyBridgeTest {

    private static GraalPyBridge bridge;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(2));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void theReferenceModuleIsFoundInTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("test_analyzer.py"), "def analyze_code(code): return 'Python analysis complete'\n");
        try (GuestModule module = TestSupport.named(bridge, "test_analyzer", dir)) {
            assertThat(module.functions()).contains("analyze_code");
            assertThat(call(module, "analyze_code", str("print('hello')"))).isEqualTo(str("Python analysis complete"));
        }
    }

    @Test
    void modulesAreFoundInThePythonPathOptionAndImportEachOther() throws Exception {
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.writeString(lib.resolve("helper.py"), "def twice(x): return 2 * x\n");
        Files.writeString(lib.resolve("user.py"), "import helper\ndef run(x): return helper.twice(x) + 1\n");
        try (GuestModule module = bridge.load(ModuleSpec.named("python", "user")
                .withOption(GraalPyBridge.PYTHON_PATH_OPTION, dir.resolve("missing-is-an-error").getParent() + "/lib"))) {
            assertThat(call(module, "run", ForeignValue.of(20))).isEqualTo(ForeignValue.of(41));
        }
        assertThatThrownBy(() -> bridge.load(ModuleSpec.named("python", "user")
                .withOption(GraalPyBridge.PYTHON_PATH_OPTION, dir.resolve("nowhere").toString())))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("python-path").hasMessageContaining("is not a folder");
    }

    @Test
    void codeAndFilesDefineFunctionsInline() throws Exception {
        try (GuestModule code = TestSupport.code(bridge, "def add(a, b):\n    return a + b\n")) {
            assertThat(code.functions()).containsExactly("add");
            assertThat(call(code, "add", ForeignValue.of(2), ForeignValue.of(3))).isEqualTo(ForeignValue.of(5));
            assertThat(call(code, "len", str("four"))).isEqualTo(ForeignValue.of(4));
        }
        Path file = Files.writeString(dir.resolve("greet.py"), "def hello(n): return 'hello ' + n\n");
        try (GuestModule module = bridge.load(ModuleSpec.file("python", file))) {
            assertThat(call(module, "hello", str("py"))).isEqualTo(str("hello py"));
        }
    }

    @Test
    void theStandardLibraryImports() {
        try (GuestModule module = TestSupport.code(bridge, """
                import ast, json, re, hashlib, dataclasses, collections
                def check():
                    tree = ast.parse('x = 1')
                    return [type(tree.body[0]).__name__, json.dumps({'a': 1}), re.sub('b+', 'c', 'abbb'),
                            hashlib.sha256(b'').hexdigest()[:8], collections.Counter('aab')['a'],
                            dataclasses.is_dataclass(dataclasses.make_dataclass('P', ['x']))]
                """)) {
            assertThat(call(module, "check")).isEqualTo(ForeignValue.list(List.of(str("Assign"), str("{\"a\": 1}"),
                str("ac"), str("e3b0c442"), ForeignValue.of(2), ForeignValue.of(true))));
        }
    }

    @Test
    void theAstAnalyzerExampleAnalyzesSourceText() {
        try (GuestModule module = TestSupport.named(bridge, "ast_analyzer", TestSupport.EXAMPLES)) {
            ForeignValue result = call(module, "analyze", str("""
                import os
                from json import dumps

                class Shape(Base):
                    def area(self):
                        if self.w:
                            return self.w * self.h
                        return 0

                async def main(*args):
                    print(dumps(args))
                """));
            Map<?, ?> map = (Map<?, ?>) TestSupport.plain(result);
            assertThat(map.get("lines")).isEqualTo(11L);
            assertThat(map.get("imports")).isEqualTo(List.of("os", "json.dumps"));
            assertThat((List<?>) map.get("functions")).hasSize(2);
            assertThat(((Map<?, ?>) ((List<?>) map.get("classes")).getFirst()).get("methods")).isEqualTo(List.of("area"));
            assertThat(map.get("complexity")).isEqualTo(2L);
            assertThat(call(module, "analyze", str("def broken(:"))).extracting(v -> ((Map<?, ?>) TestSupport.plain(v)).get("line"))
                .isEqualTo(1L);
        }
    }

    @Test
    void aNamedModuleIsLoadedAgainWhenItsFileChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("changing.py"), "def version(): return 1\n");
        try (GuestModule module = TestSupport.named(bridge, "changing", dir)) {
            assertThat(call(module, "version")).isEqualTo(ForeignValue.of(1));
            Files.writeString(file, "def version(): return 2\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            // The file is looked at at most once a second.
            await("the module is loaded again").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(call(module, "version")).isEqualTo(ForeignValue.of(2)));
            assertThat(call(module, "version")).isEqualTo(ForeignValue.of(2));
        }
    }

    @Test
    void aMissingModuleSaysWhichAndWhere() {
        assertThatThrownBy(() -> TestSupport.named(bridge, "no_such_module", dir))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("ModuleNotFoundError");
                assertThat(e.foreignMessage()).contains("no_such_module").contains(dir.toString());
            });
        assertThatThrownBy(() -> TestSupport.named(bridge, "test_analyzer.py", dir))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("without .py");
    }

    @Test
    void unknownFunctionsAreNamedWithWhatExists() {
        try (GuestModule module = TestSupport.code(bridge, "def one(): return 1\n")) {
            assertThatThrownBy(() -> module.function("two"))
                .isInstanceOf(NoSuchFunctionException.class).hasMessageContaining("its functions: one");
        }
    }

    @Test
    void describesItself() {
        assertThat(bridge.description()).startsWith("GraalPy " + System.getProperty("ggen.graalvm.version"));
    }
}
