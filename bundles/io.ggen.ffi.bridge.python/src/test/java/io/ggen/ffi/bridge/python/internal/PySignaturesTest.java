package io.ggen.ffi.bridge.python.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.FunctionSignature.Parameter;
import io.ggen.ffi.api.spi.GuestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PySignaturesTest {

    private static final String TYPED = """
        from typing import Annotated, Any, Dict, List, Optional
        from math import sqrt
        import os.path

        def add(a: int, b: int = 2) -> int:
            '''Adds two numbers.

            The second is 2 unless given.'''
            return a + b

        def scale(values: list[float], factor: Optional[float] = None) -> List[float]:
            return [v * (factor or 1.0) for v in values]

        def index(words: dict[str, list[int]], key: str | None) -> Dict[str, Any]:
            return {}

        def raw(data: bytes, flag: bool) -> None:
            pass

        def huge(n: Annotated[int, "bigint"]) -> Annotated[int, "bigint"]:
            return n ** 10

        def untyped(x, *rest, keyword_only=1, **named):
            return x

        def _private(x: int) -> int:
            return x

        class Shape:
            def area(self) -> float:
                return 0.0
        """;

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

    private static Map<String, FunctionSignature> byName(GuestModule module) {
        return module.signatures().stream().collect(Collectors.toMap(FunctionSignature::name, Function.identity()));
    }

    @Test
    void typeHintsDefaultsAndDocstringsBecomeSignatures() {
        try (GuestModule module = TestSupport.code(bridge, TYPED)) {
            Map<String, FunctionSignature> signatures = byName(module);
            FunctionSignature add = signatures.get("add");
            assertThat(add.parameters()).containsExactly(new Parameter("a", "int", false), new Parameter("b", "int", true));
            assertThat(add.result()).isEqualTo("int");
            assertThat(add.doc()).isEqualTo("Adds two numbers.\n\nThe second is 2 unless given.");
            assertThat(add.variadic()).isFalse();
            assertThat(add.accepts(1)).isTrue();
            assertThat(add.accepts(3)).isFalse();
            assertThat(signatures.get("scale").describe())
                .isEqualTo("scale(values: list<float>, factor: optional<float> = ...) -> list<float>");
            assertThat(signatures.get("index").describe())
                .isEqualTo("index(words: map<list<int>>, key: optional<string>) -> map<any>");
            assertThat(signatures.get("raw").describe()).isEqualTo("raw(data: bytes, flag: bool) -> null");
            assertThat(signatures.get("huge").describe()).isEqualTo("huge(n: bigint) -> bigint");
        }
    }

    @Test
    void missingHintsAreAnyAndStarArgsMakeItVariadic() {
        try (GuestModule module = TestSupport.code(bridge, TYPED)) {
            FunctionSignature untyped = byName(module).get("untyped");
            assertThat(untyped.parameters()).containsExactly(new Parameter("x", "any", false));
            assertThat(untyped.result()).isEqualTo("any");
            assertThat(untyped.variadic()).isTrue();
            assertThat(untyped.doc()).isEmpty();
        }
    }

    @Test
    void onlyTheModulesOwnPublicFunctionsInDefinitionOrder() {
        try (GuestModule module = TestSupport.code(bridge, TYPED)) {
            assertThat(module.signatures()).extracting(FunctionSignature::name)
                .containsExactly("add", "scale", "index", "raw", "huge", "untyped");
            // the reader leaves nothing behind in the module
            assertThat(module.functions()).doesNotContain("_ggen_signatures");
        }
    }

    @Test
    void aNamedModuleTellsItsSignatures() throws Exception {
        Path file = dir.resolve("typed_math.py");
        Files.writeString(file, "def half(x: float) -> float:\n    return x / 2\n");
        try (GuestModule module = TestSupport.named(bridge, "typed_math", dir)) {
            assertThat(module.signatures()).containsExactly(
                new FunctionSignature("half", List.of(new Parameter("x", "float", false)), "float", "", false));
        }
    }

    @Test
    void anUnresolvedForwardReferenceIsAny() {
        try (GuestModule module = TestSupport.code(bridge, """
                def later(x: "Missing", y: int) -> "Missing":
                    return x
                """)) {
            assertThat(module.signatures().getFirst().describe()).isEqualTo("later(x: any, y: int) -> any");
        }
    }
}
