package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.call;
import static io.ggen.ffi.bridge.wasm.internal.TestSupport.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Numbers of the four types through exported functions, in both execution modes; arity and type errors name the signature. */
class WasmNumbersTest {

    private static GuestModule numbers(WasmSettings.Execution execution) {
        return TestSupport.file(TestSupport.bridge(execution), "numbers.wasm");
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void addsEachNumberType(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThat(call(module, "add", num(40), num(2))).isEqualTo(num(42));
            assertThat(call(module, "add_i64", num(1L << 40), num(2))).isEqualTo(num((1L << 40) + 2));
            assertThat(call(module, "add_f32", ForeignValue.of(1.5), ForeignValue.of(0.25))).isEqualTo(ForeignValue.of(1.75));
            assertThat(call(module, "add_f64", ForeignValue.of(0.1), ForeignValue.of(0.2))).isEqualTo(ForeignValue.of(0.1 + 0.2));
            assertThat(call(module, "add_f64", num(1), num(2))).as("integers pass as floats").isEqualTo(ForeignValue.of(3.0));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void i32ResultsAreSignedAndUnsignedArgumentsWrap(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThat(call(module, "add", num(Integer.MAX_VALUE), num(1))).isEqualTo(num(Integer.MIN_VALUE));
            assertThat(call(module, "add", num(0xFFFF_FFFFL), num(0))).isEqualTo(num(-1));
            assertThat(call(module, "add", ForeignValue.TRUE, ForeignValue.TRUE)).isEqualTo(num(2));
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void severalResultsAreAListAndNoneIsNull(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThat(call(module, "divmod", num(17), num(5))).isEqualTo(ForeignValue.list(num(3), num(2)));
            assertThat(call(module, "nothing")).isEqualTo(ForeignValue.NULL);
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void refusesAnI32OutOfRange(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThatThrownBy(() -> call(module, "add", num(1L << 32), num(1)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("argument 1 of add(i32, i32) -> i32 is an i32")
                .hasMessageContaining("4294967296");
            assertThatThrownBy(() -> call(module, "add_f32", ForeignValue.of(1e300), num(1)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("f32");
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void wrongArityOrTypeNamesTheSignature(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThatThrownBy(() -> call(module, "add", num(1)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("add(i32, i32) -> i32 takes 2 parameter(s)");
            assertThatThrownBy(() -> call(module, "add", num(1), num(2), num(3)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("add(i32, i32) -> i32");
            assertThatThrownBy(() -> call(module, "add", ForeignValue.of(1.5), num(2)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("argument 1 of add(i32, i32) -> i32 is an i32")
                .hasMessageContaining("not the float 1.5");
            assertThatThrownBy(() -> call(module, "divmod", ForeignValue.of("x"), num(2)))
                .isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("divmod(i32, i32) -> (i32, i32)");
        }
    }

    @ParameterizedTest
    @EnumSource(WasmSettings.Execution.class)
    void listsExportsAndNamesThemForAMissingFunction(WasmSettings.Execution execution) {
        try (GuestModule module = numbers(execution)) {
            assertThat(module.functions()).contains("add", "add_i64", "divmod", "spin").doesNotContain("inner");
            assertThatThrownBy(() -> module.function("sub"))
                .isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("exports no function sub")
                .hasMessageContaining("add, add_i64, add_f32");
            assertThat(module.function("add")).isSameAs(module.function("add"));
        }
    }
}
