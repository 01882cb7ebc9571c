package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Malformed modules and traps: short messages, the trap named in the foreign type, the WebAssembly frames. */
class WasmErrorsTest {

    @TempDir
    Path folder;

    @Test
    void garbageIsAMalformedModule() throws IOException {
        Path garbage = Files.writeString(folder.resolve("garbage.wasm"), "this is not WebAssembly");
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER)
                .load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, garbage)))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("MalformedModule");
                assertThat(e.foreignMessage()).startsWith(garbage + " is not a WebAssembly module").hasSizeLessThan(300)
                    .doesNotContain("com.dylibso");
            });
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void aTruncatedFileIsAMalformedModule(WasmSettings.Execution execution) throws IOException {
        byte[] whole = Files.readAllBytes(module("text.wasm"));
        for (int length : new int[] {0, 3, 7, 20, whole.length / 2, whole.length - 1}) {
            Path truncated = Files.write(folder.resolve("truncated-" + length + ".wasm"), Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> TestSupport.bridge(execution).load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, truncated)))
                .as("the first %d bytes", length)
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.foreignType()).isIn("MalformedModule", "InvalidModule");
                    assertThat(e.foreignMessage()).contains(truncated.toString()).hasSizeLessThan(400)
                        .doesNotContain("com.dylibso").doesNotContain("\n");
                });
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = folder.resolve("missing.wasm");
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER)
                .load(ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, missing)))
            .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("FileNotFound"))
            .hasMessageContaining(missing.toString());
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void anUnreachableTrapIsNamedWithItsFrames(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(execution), "numbers.wasm")) {
            assertThatThrownBy(() -> call(module, "outer", num(1)))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.foreignType()).isEqualTo("Unreachable");
                    assertThat(e.foreignMessage()).startsWith("the call to outer trapped");
                    assertThat(e.foreignFrames()).extracting(ForeignFrame::function).containsSubsequence("inner", "outer");
                    assertThat(e.foreignFrames().getFirst().source()).endsWith("numbers.wasm");
                    assertThat(e.getStackTrace()[0].getClassName()).isEqualTo("<wasm>");
                });
            assertThat(call(module, "add", num(1), num(2))).as("the next call, in a fresh instance").isEqualTo(num(3));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void arithmeticAndMemoryTrapsAreNamed(WasmSettings.Execution execution) {
        try (GuestModule module = TestSupport.file(TestSupport.bridge(execution), "numbers.wasm")) {
            assertThatThrownBy(() -> call(module, "div", num(1), num(0)))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("IntegerDivideByZero"));
            assertThatThrownBy(() -> call(module, "div", num(Integer.MIN_VALUE), num(-1)))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("IntegerOverflow"));
            assertThatThrownBy(() -> call(module, "load", num(70_000)))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("OutOfBoundsMemoryAccess"));
            assertThatThrownBy(() -> call(module, "deep", num(0)))
                .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("CallStackExhausted"));
        }
    }

    @Test
    void webAssemblyTextThatDoesNotAssembleSaysWhere() {
        String text = "(module\n  (func (export \"f\") (result i32)\n    local.get 9))";
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER)
                .load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, text)))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("WatSyntaxError");
                assertThat(e.foreignMessage()).contains("line 3, column").contains("local variable out of range");
                assertThat(e.foreignFrames()).extracting(ForeignFrame::line).containsExactly(3);
            });
    }

    @Test
    void codeThatIsNotTextIsRefused() {
        assertThatThrownBy(() -> TestSupport.bridge(WasmSettings.Execution.INTERPRETER).load(ModuleSpec.code(
                ChicoryWasmBridge.LANGUAGE, new String(new byte[] {0, 'a', 's', 'm'}, StandardCharsets.ISO_8859_1))))
            .isInstanceOf(io.ggen.ffi.api.ForeignArgumentException.class)
            .hasMessageContaining("WebAssembly code is given as text");
    }
}
