package io.ggen.ffi.bindgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TypeScript reader on TypeScript's real compiler, in a GraalJS context standing in for the
 * platform's JavaScript bridge (the in-framework BindgenIT goes through the bridge itself), and in
 * Node, which must answer the same.
 */
class TypeScriptDeclarationsTest {

    private static Context context;
    private static ModuleSpec loaded;
    private static TypeScriptDeclarations reader;

    /** A runtime whose one module is evaluated in a plain GraalJS context. */
    private static final ForeignRuntime GRAALJS = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of();
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded = spec;
            context.eval(Source.create("js", spec.source()));
            return new ForeignModule() {
                @Override public String language() { return spec.language(); }
                @Override public String bridgeName() { return "graaljs-test"; }
                @Override public ModuleSpec spec() { return spec; }
                @Override public Set<String> functions() { return context.getBindings("js").getMemberKeys(); }
                @Override public ForeignFunction function(String name) { throw new UnsupportedOperationException(); }
                @Override public <T> T bind(MethodHandles.Lookup lookup, Class<T> api) { throw new UnsupportedOperationException(); }
                @Override public void close() { }

                @Override
                public Object call(String function, Object... args) {
                    Value result = context.getBindings("js").getMember(function).execute(args);
                    return result.asString();
                }
            };
        }
    };

    @BeforeAll
    static void loadTypeScript() {
        context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        reader = TypeScriptDeclarations.inGraalJs(GRAALJS);
    }

    @AfterAll
    static void closeContext() {
        reader.close();
        context.close();
    }

    private static Map<String, FunctionSignature> read(String fileName, String text) {
        return reader.read(fileName, text).stream()
            .collect(Collectors.toMap(FunctionSignature::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void declarationsMapToNeutralTypes() {
        Map<String, FunctionSignature> functions = read("lib.d.ts", """
            type int = number;
            interface Point { x: number; y: number }
            export declare function add(a: int, b: int): int;
            export declare function scale(x: number, by?: number): number;
            export declare function words(text: string, max?: int): string[];
            export declare function counts(words: ReadonlyArray<string>): Record<string, int>;
            export declare function find(m: {[k: string]: boolean}, key: string): boolean | null | undefined;
            export declare function digest(data: Uint8Array): Promise<bigint>;
            export declare function nested(xs: Array<Array<int>>): {[k: string]: int[]};
            export declare function log(level: 'info' | 'warn', ...rest: unknown[]): void;
            export declare function move(p: Point): Point;
            export declare function later(): Promise<undefined>;
            export const twice: (x: readonly int[]) => int[];
            """);
        assertThat(functions.values()).extracting(FunctionSignature::describe).containsExactly(
            "add(a: int, b: int) -> int",
            "scale(x: float, by: float = ...) -> float",
            "words(text: string, max: int = ...) -> list<string>",
            "counts(words: list<string>) -> map<int>",
            "find(m: map<bool>, key: string) -> optional<bool>",
            "digest(data: bytes) -> bigint",
            "nested(xs: list<list<int>>) -> map<list<int>>",
            "log(level: string, ...) -> null",
            "move(p: map<any>) -> map<any>",
            "later() -> null",
            "twice(x: list<int>) -> list<int>");
        assertThat(functions.get("log").variadic()).isTrue();
        assertThat(loaded.language()).isEqualTo("javascript");
        assertThat(reader.loadTime()).isPositive();
    }

    @Test
    void theFirstOfOverloadedDeclarationsBindsAndCommentsBecomeTheDoc() {
        Map<String, FunctionSignature> functions = read("doc.d.ts", """
            /**
             * Greets someone.
             * @param name - who
             * @returns the greeting
             */
            export declare function greet(name: string): string;
            export declare function greet(name: string, times: number): string;
            """);
        assertThat(functions).hasSize(1);
        assertThat(functions.get("greet").parameters()).hasSize(1);
        assertThat(functions.get("greet").doc()).isEqualTo("Greets someone.\n\nname: who\nreturns: the greeting");
    }

    @Test
    void javaScriptWithJsDocTypesIsReadToo() {
        Map<String, FunctionSignature> functions = read("lib.js", """
            /** @typedef {number} int */
            /**
             * Sums.
             * @param {int[]} xs the numbers
             * @param {string} [label] a label
             * @param {?Object<string, number>} weights
             * @returns {int}
             */
            function sum(xs, label, weights) { return 0; }
            const untyped = (a, b = 2) => a + b;
            """);
        assertThat(functions.values()).extracting(FunctionSignature::describe).containsExactly(
            "sum(xs: list<int>, label: string = ..., weights: optional<map<float>>) -> int",
            "untyped(a: any, b: any = ...) -> any");
        assertThat(functions.get("sum").doc()).startsWith("Sums.");
    }

    @Test
    void aDeclarationFileDescribesTheJavaScriptFileNextToIt(@TempDir Path folder) {
        assertThat(TypeScriptDeclarations.moduleFile(folder.resolve("lib.d.ts"))).isEqualTo(folder.resolve("lib.js"));
        assertThat(TypeScriptDeclarations.moduleFile(folder.resolve("lib.ts"))).isEqualTo(folder.resolve("lib.js"));
        assertThat(TypeScriptDeclarations.moduleFile(folder.resolve("lib.js"))).isEqualTo(folder.resolve("lib.js"));
        assertThat(TypeScriptDeclarations.typeScriptVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void nodeAnswersAsGraalJsDoes() {
        Path node = TypeScriptDeclarations.findNode()
            .orElseThrow(() -> new AssertionError("no node on the PATH: install nodejs"));
        String declarations = """
            type int = number;
            /** Adds. */
            export declare function add(a: int, b: int): int;
            export declare function words(text: string, max?: int): string[] | null;
            export declare function log(level: string, ...rest: unknown[]): void;
            """;
        try (TypeScriptDeclarations inNode = TypeScriptDeclarations.inNode(node)) {
            List<FunctionSignature> fromNode = inNode.read("lib.d.ts", declarations);
            assertThat(fromNode).hasSize(3).isEqualTo(reader.read("lib.d.ts", declarations));
            assertThat(inNode.engine()).startsWith("Node");
        }
    }

    @Test
    void aFailingNodeRunSaysWhatFailed(@TempDir Path folder) throws Exception {
        Path failing = folder.resolve("node");
        java.nio.file.Files.writeString(failing, "#!/bin/sh\necho 'broken node' >&2\nexit 3\n");
        assertThat(failing.toFile().setExecutable(true)).isTrue();
        try (TypeScriptDeclarations inNode = TypeScriptDeclarations.inNode(failing)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> inNode.read("lib.d.ts", "declare function f(): void;"))
                .hasMessageContaining("exit 3").hasMessageContaining("broken node").hasMessageContaining("lib.d.ts");
        }
    }
}
