package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Python through the facade, in a real Felix with the real bundles and GraalPy on the class path. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PythonBridgeIT extends PlatformTestSupport {

    /** The repository's examples/python, from the module folder the tests run in. */
    private static final Path EXAMPLES = Path.of("../../examples/python").toAbsolutePath().normalize();

    @Inject
    ForeignRuntime runtime;

    @Inject
    BundleContext context;

    /** The platform, the JavaScript bridge and the Python bridge (only this test class starts GraalPy). */
    @Override
    @Configuration
    public Option[] config() {
        return combine(super.config(), ggen(PY_BRIDGE));
    }

    private static ModuleSpec named(String name, Path dir) {
        return ModuleSpec.named("python", name).withOption("working-dir", dir.toString());
    }

    @Test
    public void referenceCommandOnesModuleIsFoundInTheWorkingDirectory() throws Exception {
        Path dir = Files.createTempDirectory("ggen-py-it");
        Files.writeString(dir.resolve("test_analyzer.py"), "def analyze_code(code): return 'Python analysis complete'\n");
        try (ForeignModule py = runtime.load(named("test_analyzer", dir))) {
            assertThat(py.bridgeName()).isEqualTo("graalpy");
            assertThat(py.call("analyze_code", "print('hello')")).isEqualTo("Python analysis complete");
        }
        try (ForeignModule py = runtime.load(ModuleSpec.named("py", "test_analyzer")
                .withOption("python-path", dir.toString()))) {
            assertThat(py.call("analyze_code", "x")).isEqualTo("Python analysis complete");
        }
    }

    @Test
    public void theAstAnalyzerExampleReturnsAStructuredResult() {
        try (ForeignModule py = runtime.load(ModuleSpec.named("python", "ast_analyzer")
                .withOption("python-path", EXAMPLES.toString()))) {
            Map<?, ?> result = (Map<?, ?>) py.call("analyze", """
                import json

                def load(path):
                    with open(path) as f:
                        return json.load(f)

                class Store:
                    def get(self, key):
                        return key
                """);
            assertThat(result.get("lines")).isEqualTo(9L);
            assertThat(result.get("imports")).isEqualTo(List.of("json"));
            assertThat((List<?>) result.get("functions")).hasSize(2);
            assertThat(((Map<?, ?>) ((List<?>) result.get("classes")).getFirst()).get("name")).isEqualTo("Store");
            assertThat((String) result.get("sha256")).hasSize(64);
            assertThat(py.call("analyze_code", "def f(): pass")).isEqualTo(
                "1 lines, 1 functions, 0 classes, 0 imports, complexity 1");
        }
    }

    @Test
    public void everyValueTypeRoundTrips() {
        try (ForeignModule py = runtime.load(ModuleSpec.code("python", """
                def same(x): return x
                def kinds(): return [None, True, 7, 2 ** 70, 2.5, 'text', b'\\x01\\x02', (1, 2), {'k': [1]}]
                class Box:
                    def __init__(self, v): self.v = v
                    def get(self): return self.v
                def box(v): return Box(v)
                """))) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("list", List.of(1L, "two", 3.5));
            map.put("none", null);
            for (Object value : Arrays.asList(null, true, 42L, new BigInteger("123456789012345678901234567890"),
                    1.25, "héllo", List.of(1L, 2L), map)) {
                assertThat(py.call("same", value)).isEqualTo(value);
            }
            assertThat((byte[]) py.call("same", (Object) new byte[] {0, -1, 7})).containsExactly(0, -1, 7);
            List<?> kinds = (List<?>) py.call("kinds");
            assertThat(kinds.subList(0, 6)).isEqualTo(Arrays.asList(null, true, 7L, BigInteger.TWO.pow(70), 2.5, "text"));
            assertThat((byte[]) kinds.get(6)).containsExactly(1, 2);
            assertThat(kinds.get(7)).isEqualTo(List.of(1L, 2L));
            assertThat(kinds.get(8)).isEqualTo(Map.of("k", List.of(1L)));

            ForeignValue box = py.function("box").invoke(ForeignValue.of("inside"));
            ForeignHandle handle = ((ForeignValue.HandleValue) box).handle();
            try (handle) {
                assertThat(handle.typeName()).isEqualTo("Box");
                assertThat(handle.invoke("get", List.of())).isEqualTo(ForeignValue.of("inside"));
            }
            assertThat(handle.isReleased()).isTrue();
        }
    }

    @Test
    public void errorsCarryTheTypeMessageAndTracebackFrames() throws Exception {
        Path dir = Files.createTempDirectory("ggen-py-it");
        Files.writeString(dir.resolve("failing.py"), "def check(x):\n    if x < 0:\n        raise ValueError('negative: %d' % x)\n    return x\n");
        Files.writeString(dir.resolve("broken.py"), "def ok():\n    return 1\ndef broken(:\n");
        try (ForeignModule py = runtime.load(named("failing", dir))) {
            assertThatThrownBy(() -> py.call("check", -3))
                .isInstanceOfSatisfying(ForeignException.class, e -> {
                    assertThat(e.foreignType()).isEqualTo("ValueError");
                    assertThat(e.foreignMessage()).isEqualTo("negative: -3");
                    ForeignFrame top = e.foreignFrames().getFirst();
                    assertThat(top.function()).isEqualTo("check");
                    assertThat(top.source()).endsWith("failing.py");
                    assertThat(top.line()).isEqualTo(3);
                });
        }
        assertThatThrownBy(() -> runtime.load(named("broken", dir)))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("SyntaxError");
                assertThat(e.foreignMessage()).contains("line 3");
            });
        assertThatThrownBy(() -> runtime.load(named("not_there", dir)))
            .isInstanceOfSatisfying(ForeignException.class, e -> {
                assertThat(e.foreignType()).isEqualTo("ModuleNotFoundError");
                assertThat(e.foreignMessage()).contains("not_there");
            });
    }

    @Test
    public void aTimeoutInterruptsRunawayCodeAndTheBridgeStaysUsable() throws Exception {
        try (ForeignModule py = runtime.load(ModuleSpec.code("python",
                "def spin():\n    while True:\n        pass\ndef ok():\n    return 'still here'\n"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> py.function("spin").invoke(List.of(), CallOptions.timeout(Duration.ofMillis(500))))
                .isInstanceOf(ForeignTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
            for (int i = 0; i < 5; i++) {
                assertThat(py.call("ok")).isEqualTo("still here");
            }
        }
        assertThatThrownBy(() -> runtime.load(ModuleSpec.code("python", "while True:\n    pass\n"),
                CallOptions.timeout(Duration.ofMillis(500))))
            .isInstanceOf(ForeignTimeoutException.class).hasMessageContaining("loading");
    }

    @Test
    public void fourThreadsOfConcurrentCallsStayCorrect() throws Exception {
        try (ForeignModule py = runtime.load(ModuleSpec.code("python", "def tag(t, i):\n    return '%s-%d' % (t, i * i)\n"))) {
            ForeignFunction tag = py.function("tag");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String thread = "t" + t;
                wrong.add(pool.submit(() -> {
                    int errors = 0;
                    for (long i = 0; i < 500; i++) {
                        if (!tag.invoke(ForeignValue.of(thread), ForeignValue.of(i)).equals(ForeignValue.of(thread + "-" + i * i))) {
                            errors++;
                        }
                    }
                    return errors;
                }));
            }
            for (Future<Integer> errors : wrong) {
                assertThat(errors.get(120, TimeUnit.SECONDS)).isZero();
            }
            pool.shutdown();
        }
    }

    @Test
    public void removingThePythonBridgeLeavesJavaScriptServingAndPuttingItBackRestoresPython() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function twice(x) { return 2 * x; }"));
             ForeignModule py = runtime.load(ModuleSpec.code("python", "def thrice(x):\n    return 3 * x\n"))) {
            assertThat(py.call("thrice", 2)).isEqualTo(6L);
            Bundle bridge = bundle(context, PY_BRIDGE);
            String location = bridge.getLocation();
            bridge.uninstall();
            awaitPython(false);
            for (int i = 0; i < 100; i++) {
                assertThat(js.call("twice", i)).isEqualTo(2L * i);
            }
            assertThatThrownBy(() -> py.call("thrice", 1))
                .isInstanceOf(BridgeUnavailableException.class).hasMessageContaining("no bridge for python");

            context.installBundle(location).start();
            awaitPython(true);
            assertThat(py.call("thrice", 5)).isEqualTo(15L);
            assertThat(js.call("twice", 5)).isEqualTo(10L);
        }
    }


    private void awaitPython(boolean present) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
            .untilAsserted(() -> assertThat(hasPython()).isEqualTo(present));
    }

    private boolean hasPython() {
        return runtime.bridges().stream().anyMatch(b -> "python".equals(b.language()));
    }
}
