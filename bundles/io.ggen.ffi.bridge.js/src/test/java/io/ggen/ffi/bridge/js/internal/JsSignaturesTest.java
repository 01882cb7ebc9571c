package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsSignaturesTest {

    private static GraalJsBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
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
    void lengthGivesTheRequiredParametersNamedAsInTheSource() {
        try (GuestModule module = code(bridge, """
                function add(a, b) { return a + b; }
                const twice = x => 2 * x;
                var join = async (first, second, ...rest) => first + second;
                function* count(limit) { yield limit; }
                function none() { return 1; }
                """)) {
            assertThat(described(module)).containsOnly(
                Map.entry("add", "add(a: any, b: any, ...) -> any"),
                Map.entry("twice", "twice(x: any, ...) -> any"),
                Map.entry("join", "join(first: any, second: any, ...) -> any"),
                Map.entry("count", "count(limit: any, ...) -> any"),
                Map.entry("none", "none(...) -> any"));
        }
    }

    @Test
    void parameterListsThatAreNotPlainNamesGiveArgNames() {
        try (GuestModule module = code(bridge, """
                function withDefault(a, b = 1) { return a + b; }
                function destructured({ x }, [y]) { return x + y; }
                function commented(a /* the first */, b) { return a; }
                var bound = function (p, q, r) { return p; }.bind(null);
                """)) {
            Map<String, String> signatures = described(module);
            assertThat(signatures.get("withDefault")).isEqualTo("withDefault(arg0: any, ...) -> any");
            assertThat(signatures.get("destructured")).isEqualTo("destructured(arg0: any, arg1: any, ...) -> any");
            assertThat(signatures.get("commented")).isEqualTo("commented(arg0: any, arg1: any, ...) -> any");
            assertThat(signatures.get("bound")).isEqualTo("bound(arg0: any, arg1: any, arg2: any, ...) -> any");
        }
    }

    @Test
    void everyFunctionTakesExtraArgumentsAndNeedsItsLength() {
        try (GuestModule module = code(bridge, "function add(a, b) { return a + b; }")) {
            FunctionSignature add = module.signatures().getFirst();
            assertThat(add.variadic()).isTrue();
            assertThat(add.required()).isEqualTo(2);
            assertThat(add.accepts(1)).isFalse();
            assertThat(add.accepts(5)).isTrue();
            assertThat(module.signatures()).isSameAs(module.signatures());
        }
    }

    @Test
    void aModuleThatReplacesFunctionToStringStillTellsItsNames() {
        try (GuestModule module = code(bridge, """
                Function.prototype.toString = function () { return 'function (evil) {}'; };
                function add(a, b) { return a + b; }
                """)) {
            assertThat(described(module)).containsExactly(Map.entry("add", "add(a: any, b: any, ...) -> any"));
        }
    }
}
