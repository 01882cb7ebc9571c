package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.bridge.python.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyErrorsTest {

    private static GraalPyBridge bridge;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void anExceptionComesBackWithTypeMessageAndTracebackFrames() throws Exception {
        Files.writeString(dir.resolve("failing.py"), """
            def inner(x):
                raise ValueError('bad value: %s' % x)

            def outer(x):
                return inner(x)
            """);
        try (GuestModule module = TestSupport.named(bridge, "failing", dir)) {
            assertThatThrownBy(() -> call(module, "outer", str("q")))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.language()).isEqualTo("python");
                    assertThat(e.foreignType()).isEqualTo("ValueError");
                    assertThat(e.foreignMessage()).isEqualTo("bad value: q");
                    List<ForeignFrame> frames = e.foreignFrames();
                    assertThat(frames).extracting(ForeignFrame::function).startsWith("inner", "outer");
                    assertThat(frames.getFirst().source()).endsWith("failing.py");
                    assertThat(frames).extracting(ForeignFrame::line).startsWith(2, 5);
                    assertThat(frames).noneMatch(f -> String.valueOf(f.source()).contains(PyContext.HELPERS_NAME));
                });
        }
    }

    @Test
    void aSyntaxErrorInAModuleNamesTheLine() throws Exception {
        Files.writeString(dir.resolve("broken.py"), "def ok():\n    return 1\n\ndef broken(:\n    pass\n");
        assertThatThrownBy(() -> TestSupport.named(bridge, "broken", dir))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("SyntaxError");
                assertThat(e.foreignMessage()).contains("line 4");
            });
        assertThatThrownBy(() -> TestSupport.code(bridge, "x = (1,\n"))
            .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("SyntaxError"));
    }

    @Test
    void importingAMissingModuleSaysWhich() {
        try (GuestModule module = TestSupport.code(bridge, "def f():\n    import numpy_is_not_here\n")) {
            assertThatThrownBy(() -> call(module, "f"))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.foreignType()).isEqualTo("ModuleNotFoundError");
                    assertThat(e.foreignMessage()).contains("numpy_is_not_here");
                });
        }
    }

    @Test
    void aMissingFileSaysWhich() {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.file("python", dir.resolve("nope.py"))))
            .isInstanceOf(ForeignException.class).hasMessageContaining("nope.py");
    }
}
