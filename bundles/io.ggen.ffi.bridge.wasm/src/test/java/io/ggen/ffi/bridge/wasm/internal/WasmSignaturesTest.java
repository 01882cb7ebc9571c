package io.ggen.ffi.bridge.wasm.internal;

import static io.ggen.ffi.bridge.wasm.internal.TestSupport.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WasmSignaturesTest {

    private static final String NUMBERS = """
        (module
          (func (export "add") (param $a i32) (param $b i32) (result i32)
            local.get $a local.get $b i32.add)
          (func (export "wide") (param i64 f32 f64) (result i64) i64.const 1)
          (func (export "nothing"))
          (func (export "pair") (param i32) (result i32 i32) i32.const 1 i32.const 2)
          (func (export "mixed") (result i32 f64) i32.const 1 f64.const 2)
          (func (export "ref") (param funcref) (result i32) i32.const 0))
        """;

    private static ChicoryWasmBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(WasmSettings.Execution.INTERPRETER);
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    private static Map<String, String> described(GuestModule module) {
        return module.signatures().stream()
            .collect(Collectors.toMap(FunctionSignature::name, FunctionSignature::describe));
    }

    @Test
    void numberTypesBecomeNeutralTypesAndFunctionsThatCannotBeBoundAreLeftOut() {
        try (GuestModule module = bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, NUMBERS))) {
            Map<String, String> signatures = described(module);
            assertThat(signatures).containsOnlyKeys("add", "wide", "nothing", "pair", "mixed");
            assertThat(signatures.get("add")).as("text assembles without a name section").isEqualTo("add(arg0: int32, arg1: int32) -> int32");
            assertThat(signatures.get("wide")).isEqualTo("wide(arg0: int, arg1: float32, arg2: float) -> int");
            assertThat(signatures.get("nothing")).isEqualTo("nothing() -> null");
            assertThat(signatures.get("pair")).isEqualTo("pair(arg0: int32) -> list<int32>");
            assertThat(signatures.get("mixed")).isEqualTo("mixed() -> list<any>");
            assertThat(module.signatures()).noneMatch(FunctionSignature::variadic);
        }
    }

    @Test
    void theMemoryConventionsOptionsTellStringsAndBytes() {
        ModuleSpec spec = ModuleSpec.file(ChicoryWasmBridge.LANGUAGE, module("text.wasm"))
            .withOption("result.greet", "string")
            .withOption("params.greet", "string")
            .withOption("result.reverse", "bytes")
            .withOption("params.reverse", " bytes ")
            .withOption("params.hog", "int32");
        try (GuestModule module = bridge.load(spec)) {
            Map<String, FunctionSignature> signatures = module.signatures().stream()
                .collect(Collectors.toMap(FunctionSignature::name, s -> s));
            assertThat(signatures).doesNotContainKeys("alloc", "dealloc");
            FunctionSignature greet = signatures.get("greet");
            assertThat(greet.parameters()).extracting(FunctionSignature.Parameter::type).containsExactly("string");
            assertThat(greet.result()).isEqualTo("string");
            FunctionSignature reverse = signatures.get("reverse");
            assertThat(reverse.parameters()).extracting(FunctionSignature.Parameter::type).containsExactly("bytes");
            assertThat(reverse.result()).isEqualTo("bytes");
            assertThat(signatures.get("length").parameters()).extracting(FunctionSignature.Parameter::type)
                .as("without params.length: its raw (ptr, len)").containsExactly("int32", "int32");
            assertThat(signatures.get("motto").result()).as("without result.motto: the packed i64").isEqualTo("int");
        }
    }

    @Test
    void aParamsOptionThatDoesNotFitTheTypeFailsTheLoadSayingWhy() {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, NUMBERS)
                .withOption("params.add", "string,int32")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("params.add=string,int32 does not fit add(i32, i32)")
            .hasMessageContaining("'int32' does not fit past the last parameter");
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, NUMBERS)
                .withOption("params.wide", "int,float")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("'float' does not fit parameter 2");
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, NUMBERS)
                .withOption("params.add", "int32")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("they fill 1 of its 2 parameters");
    }
}
