package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.FunctionSignature.Parameter;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What workers tell of their functions in initialize, old and new, and what an isolate host answers. */
class RpcSignaturesTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    private static Map<String, FunctionSignature> byName(List<FunctionSignature> signatures) {
        return signatures.stream().collect(Collectors.toMap(FunctionSignature::name, Function.identity()));
    }

    @Test
    void aPythonSdkWorkerTellsItsTypeHints() {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "typed_worker.py"))) {
            Map<String, FunctionSignature> signatures = byName(module.signatures());
            assertThat(signatures.get("add")).isEqualTo(new FunctionSignature("add",
                List.of(new Parameter("a", "int", false), new Parameter("b", "int", true)), "int", "Adds b to a.", false));
            assertThat(signatures.get("scale").describe())
                .isEqualTo("scale(values: list<float>, factor: optional<float> = ..., ...) -> map<list<float>>");
            assertThat(signatures.get("untyped").describe()).isEqualTo("untyped(x: any) -> any");
        }
    }

    @Test
    void anOldStyleAnswerGivesParameterNamesOfAnyType() {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "garbage_worker.py"))) {
            assertThat(module.signatures()).extracting(FunctionSignature::describe)
                .containsExactlyInAnyOrder("ok() -> any", "bad() -> any");
        }
    }

    @Test
    void theSignatureMemberWinsAndWhatItLacksIsFilledIn() {
        try (GuestModule module = bridge.load(TestWorkers.spec("cpython", "described_worker.py"))) {
            assertThat(module.functions()).contains("bare", "ok", "bad", "odd");
            Map<String, FunctionSignature> signatures = byName(module.signatures());
            assertThat(signatures).as("a bare name tells nothing").doesNotContainKey("bare");
            assertThat(signatures.get("ok").describe()).isEqualTo("ok(text: any, count: any) -> any");
            assertThat(signatures.get("bad")).isEqualTo(new FunctionSignature("bad", List.of(
                new Parameter("x", "list<int>", false), new Parameter("arg1", "string", true),
                new Parameter("flag", "any", false)), "optional<int>", "Fails on purpose.", true));
            assertThat(signatures).as("a signature that is not an object, and no params: nothing told").doesNotContainKey("odd");
        }
    }

    @Test
    void anIsolateHostAnswersWithTheModulesOwnSignatures() throws Exception {
        FunctionSignature add = new FunctionSignature("add", List.of(new Parameter("a", "int", false),
            new Parameter("b", "optional<float>", true)), "int", "Adds.", false);
        FunctionSignature print = new FunctionSignature("print", List.of(), "null", "", true);
        GuestModule module = new GuestModule() {
            @Override
            public Set<String> functions() {
                return new java.util.LinkedHashSet<>(List.of("add", "print", "unknown"));
            }

            @Override
            public List<FunctionSignature> signatures() {
                return List.of(add, print);
            }

            @Override
            public GuestFunction function(String name) {
                throw new UnsupportedOperationException(name);
            }

            @Override
            public void close() {
            }
        };
        InvocationHandler loads = (proxy, method, args) -> switch (method.getName()) {
            case "load" -> module;
            default -> throw new UnsupportedOperationException(method.getName());
        };
        ForeignBridge fake = (ForeignBridge) Proxy.newProxyInstance(ForeignBridge.class.getClassLoader(),
            new Class<?>[] {ForeignBridge.class}, loads);
        IsolateSession session = new IsolateSession((language, name) -> fake, new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(), log.logger);
        Object answer = session.request(RpcMessages.INITIALIZE, new RpcMessages.InitializeParams(
            new RpcMessages.ModuleParams("python", "graalpy", "CODE", "def add(a, b=None): pass", Map.of()))).get();
        RpcMessages.WorkerInfo info = RpcMessages.WorkerInfo.parse((JsonObject) answer);
        assertThat(info.functions()).containsOnlyKeys("add", "print", "unknown");
        assertThat(info.functions().values()).extracting(RpcMessages.FunctionInfo::toSignature)
            .containsExactly(add, print, null);
    }

}
