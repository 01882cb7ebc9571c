package io.ggen.ffi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isolated modules behave as in-process ones: the same results, errors with the same foreign type
 * and frames, handles whose members can be called, batches; for JavaScript, Python and both C
 * bridges. A real Felix with the distribution's bundles, and real isolates (child JVMs).
 */
class IsolationParityTest {

    private static EmbeddedPlatform platform;
    private static ForeignRuntime runtime;

    @BeforeAll
    static void boot() throws Exception {
        platform = EmbeddedPlatform.boot();
        runtime = platform.runtime("javascript");
        platform.runtime("python");
        platform.runtime("c");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void javaScriptResultsErrorsHandlesAndBatches() {
        String code = """
            function add(a, b) { return a + b; }
            function bad(x) { return nope(x); }
            class Counter { constructor() { this.n = 0; } inc() { return ++this.n; } }
            function counter() { return new Counter(); }
            function valueOf(c) { return c.n; }
            """;
        for (ModuleSpec spec : List.of(ModuleSpec.code("javascript", code), ModuleSpec.code("javascript", code).isolated())) {
            try (ForeignModule module = runtime.load(spec)) {
                assertThat(module.function("add").call(20, 22)).as("%s", spec).isEqualTo(42L);
                assertThatThrownBy(() -> module.function("bad").call(1)).as("%s", spec)
                    .isInstanceOfSatisfying(ForeignException.class, e -> {
                        assertThat(e.foreignType()).isEqualTo("ReferenceError");
                        assertThat(e.foreignMessage()).contains("nope is not defined");
                        assertThat(e.foreignFrames()).first().satisfies(frame -> {
                            assertThat(frame.function()).isEqualTo("bad");
                            assertThat(frame.line()).isEqualTo(2);
                        });
                    });
                ForeignValue counter = module.function("counter").invoke(List.of(), CallOptions.DEFAULT);
                try (ForeignHandle handle = ((ForeignValue.HandleValue) counter).handle()) {
                    assertThat(handle.invoke("inc", List.of())).as("%s", spec).isEqualTo(ForeignValue.of(1));
                    assertThat(handle.invoke("inc", List.of())).as("%s", spec).isEqualTo(ForeignValue.of(2));
                    assertThat(module.function("valueOf").invoke(List.of(counter), CallOptions.DEFAULT))
                        .as("%s: a handle passed back", spec).isEqualTo(ForeignValue.of(2));
                }
                List<BatchResult> batch = module.function("add").invokeBatch(List.of(
                    List.of(ForeignValue.of(1), ForeignValue.of(2)), List.of(ForeignValue.of(3), ForeignValue.of(4))),
                    CallOptions.DEFAULT);
                assertThat(batch).extracting(BatchResult::get).as("%s", spec)
                    .containsExactly(ForeignValue.of(3), ForeignValue.of(7));
            }
        }
    }

    @Test
    void pythonResultsAndErrors() {
        String code = "def twice(x):\n    return 2 * x\n\ndef bad(x):\n    return {}[x]\n";
        for (ModuleSpec spec : List.of(ModuleSpec.code("python", code), ModuleSpec.code("python", code).isolated())) {
            try (ForeignModule module = runtime.load(spec)) {
                assertThat(module.function("twice").call(21)).as("%s", spec).isEqualTo(42L);
                assertThatThrownBy(() -> module.function("bad").call("k")).as("%s", spec)
                    .isInstanceOfSatisfying(ForeignException.class, e -> assertThat(e.foreignType()).isEqualTo("KeyError"));
            }
        }
    }

    @Test
    void bothCBridges() {
        ModuleSpec libc = ModuleSpec.named("c", "libc.so.6").withOption("signature.abs", "int abs(int value)")
            .withOption("signature.strlen", "size_t strlen(const char* s)");
        for (String bridge : List.of("panama", "jna")) {
            for (ModuleSpec spec : List.of(libc.withBridge(bridge), libc.withBridge(bridge).isolated())) {
                try (ForeignModule module = runtime.load(spec)) {
                    assertThat(module.bridgeName()).isEqualTo(bridge);
                    assertThat(module.function("abs").call(-42)).as("%s", spec).isEqualTo(42L);
                    assertThat(module.function("strlen").call("héllo")).as("%s", spec).isEqualTo(6L);
                }
            }
        }
    }
}
