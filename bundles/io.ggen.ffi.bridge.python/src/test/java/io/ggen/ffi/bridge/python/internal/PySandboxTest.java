package io.ggen.ffi.bridge.python.internal;

import static io.ggen.ffi.bridge.python.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PySandboxTest {

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

    private static final String FILES = """
        def read(p):
            with open(p) as f:
                return f.read()
        def write(p):
            with open(p, 'w') as f:
                f.write('x')
        def host():
            import java
            return java.type('java.lang.System')
        """;

    @Test
    void noHostAccessByDefault() {
        try (GuestModule module = TestSupport.code(bridge, FILES)) {
            assertThatThrownBy(() -> call(module, "host")).isInstanceOf(ForeignException.class);
        }
    }

    @Test
    void filesAreReadableOnlyInTheModulePathAndNeverWritable() throws Exception {
        Files.writeString(dir.resolve("data.txt"), "inside");
        Files.writeString(dir.resolve("files.py"), FILES);
        Path outside = Files.createTempFile("ggen-outside", ".txt");
        try (GuestModule module = TestSupport.named(bridge, "files", dir)) {
            assertThat(call(module, "read", str(dir.resolve("data.txt").toString()))).isEqualTo(str("inside"));
            assertThatThrownBy(() -> call(module, "read", str(outside.toString())))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("PermissionError"));
            assertThatThrownBy(() -> call(module, "write", str(dir.resolve("new.txt").toString())))
                .isInstanceOf(ForeignException.class);
            assertThat(dir.resolve("new.txt")).doesNotExist();
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void ioAndHostAccessCanBeConfigured() throws Exception {
        Path outside = Files.writeString(Files.createTempFile("ggen-outside", ".txt"), "open");
        GraalPyBridge open = TestSupport.bridge(new PySettings(1, List.of(), true, true, 0, Duration.ofMillis(500)));
        try (GuestModule module = TestSupport.code(open, FILES + "def now():\n    import java\n"
                + "    return java.type('java.lang.Integer').MAX_VALUE\n")) {
            assertThat(call(module, "read", str(outside.toString()))).isEqualTo(str("open"));
            assertThat(call(module, "now")).isEqualTo(io.ggen.ffi.api.ForeignValue.of(Integer.MAX_VALUE));
        } finally {
            open.deactivate();
            Files.delete(outside);
        }
    }
}
