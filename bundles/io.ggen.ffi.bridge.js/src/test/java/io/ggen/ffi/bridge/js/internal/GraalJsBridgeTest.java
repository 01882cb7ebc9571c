package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.code;
import static io.ggen.ffi.bridge.js.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraalJsBridgeTest {

    private static GraalJsBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(2));
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void referenceCommandTwosFunctionReturnsJsWorks() {
        try (GuestModule module = code(bridge, "function test() { return 'JS works'; }")) {
            assertThat(call(module, "test")).isEqualTo(str("JS works"));
        }
    }

    @Test
    void descriptionNamesVersionAndCompilerMode() {
        // The unit tests run without the Graal compiler: the engine interprets.
        assertThat(bridge.description()).isEqualTo("GraalJS " + System.getProperty("ggen.graalvm.version")
            + ", interpreter (no Graal compiler on the module path)");
    }

    @Test
    void capabilitiesAreCancellationIsolationHandlesAndTheInspector() {
        assertThat(bridge.capabilities()).isEqualTo(BridgeCapabilities.of(BridgeCapabilities.CANCELLATION,
            BridgeCapabilities.ISOLATION, BridgeCapabilities.HANDLES, "inspector"));
    }

    @Test
    void functionsListsTheModulesGlobalFunctionsOnly() {
        try (GuestModule module = code(bridge, """
                function a() {}
                var b = function () {};
                const c = () => 1;
                var notAFunction = 42;
                """)) {
            assertThat(module.functions()).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void missingFunctionNamesItAndListsTheExistingOnes() {
        try (GuestModule module = code(bridge, "function render() {} function parse() {}")) {
            assertThatThrownBy(() -> module.function("renderr"))
                .isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("no function renderr")
                .hasMessageContaining("parse, render");
        }
    }

    @Test
    void globalBuiltInFunctionsCanBeBound() {
        try (GuestModule module = code(bridge, "function unused() {}")) {
            assertThat(call(module, "parseInt", str("42"))).isEqualTo(ForeignValue.of(42));
        }
    }

    @Test
    void bindingTheSameNameTwiceGivesTheSameFunction() {
        try (GuestModule module = code(bridge, "function f() { return 1; }")) {
            assertThat(module.function("f")).isSameAs(module.function("f"));
        }
    }

    @Test
    void syntaxErrorAtLoadGivesTheLine() {
        assertThatThrownBy(() -> code(bridge, "function ok() {}\nfunction broken() {\n  return 1 +;\n}"))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.foreignType()).isEqualTo("SyntaxError");
                assertThat(e.language()).isEqualTo("javascript");
                assertThat(e.foreignMessage()).contains("Expected an operand");
                assertThat(e.foreignFrames()).singleElement().satisfies(frame -> {
                    assertThat(frame.line()).isEqualTo(3);
                    assertThat(frame.source()).isEqualTo("inline.js");
                });
            });
    }

    @Test
    void errorThrownByTopLevelCodeFailsTheLoad() {
        assertThatThrownBy(() -> code(bridge, "function f() {}\nthrow new RangeError('bad setup');"))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.foreignType()).isEqualTo("RangeError");
                assertThat(e.foreignMessage()).isEqualTo("bad setup");
                assertThat(e.foreignFrames()).extracting(ForeignFrame::line).contains(2);
            });
    }

    @Test
    void fileModuleFramesNameTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("greeter.js");
        Files.writeString(file, "function greet(name) {\n  return 'hello ' + name;\n}\nfunction fail() {\n  null.x;\n}\n");
        try (GuestModule module = bridge.load(ModuleSpec.file("javascript", file))) {
            assertThat(call(module, "greet", str("ada"))).isEqualTo(str("hello ada"));
            assertThatThrownBy(() -> call(module, "fail"))
                .asInstanceOf(type(ForeignException.class))
                .satisfies(e -> {
                    assertThat(e.foreignType()).isEqualTo("TypeError");
                    assertThat(e.foreignFrames().getFirst()).isEqualTo(new ForeignFrame("fail", "greeter.js", 5, 3));
                    assertThat(e.getStackTrace()[0].toString()).isEqualTo("<javascript>.fail(greeter.js:5)");
                });
        }
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.file("javascript", dir.resolve("nope.js"))))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.foreignType()).isEqualTo("FileNotFound");
                assertThat(e.getMessage()).contains("nope.js");
            });
    }

    @Test
    void namedModulesAreRefusedWithAHint() {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.named("javascript", "handlebars")))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("loads code (--code) or files (--file)");
    }

    @Test
    void closedModuleFailsClearly() {
        GuestModule module = code(bridge, "function f() { return 1; }");
        GuestFunction f = module.function("f");
        module.close();
        module.close();
        assertThatThrownBy(() -> f.call(List.of(), TestCallContext.plain()))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("module was closed");
    }

    @Test
    void deactivateClosesEverythingAndLaterCallsFailClearly() throws Exception {
        GraalJsBridge own = TestSupport.bridge(TestSupport.settings(1));
        GuestModule idle = code(own, "function f() { return 1; }");
        GuestModule busy = code(own, "function spin() { while (true) {} }");
        GuestFunction f = idle.function("f");
        assertThat(f.call(List.of(), TestCallContext.plain())).isEqualTo(ForeignValue.of(1));
        AtomicReference<Throwable> spinFailure = new AtomicReference<>();
        TestCallContext spinCall = TestCallContext.plain();
        Thread spinning = Thread.ofPlatform().start(() -> {
            try {
                busy.function("spin").call(List.of(), spinCall);
            } catch (Throwable e) {
                spinFailure.set(e);
            }
        });
        TestSupport.awaitContextTaken(spinCall);

        own.deactivate();

        spinning.join(5_000);
        assertThat(spinning.isAlive()).as("the running call ended").isFalse();
        assertThat(spinFailure.get()).isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("the call to spin failed: the JavaScript module was closed");
        assertThatThrownBy(() -> f.call(List.of(), TestCallContext.plain()))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("module was closed");
        assertThatThrownBy(() -> code(own, "function g() {}"))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("bridge was stopped");
    }

    /**
     * A stop while modules load: each load answers or says the bridge was stopped (never a raw "Engine
     * is already closed", nor what the stop did to the load), and nothing hangs (Truffle deadlocks when an engine closes while another thread
     * initializes a context of it).
     */
    @Test
    void stoppingWhileModulesLoadNeitherHangsNorFailsOddly() throws Exception {
        for (int round = 0; round < 40; round++) {
            GraalJsBridge own = TestSupport.bridge(TestSupport.settings(1));
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            CountDownLatch loading = new CountDownLatch(2);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    loading.countDown();
                    for (int i = 0; i < 200; i++) {
                        try (GuestModule module = code(own, "function f() { return 1; }")) {
                            outcomes.add(call(module, "f"));
                        } catch (RuntimeException e) {
                            outcomes.add(e);
                            return;
                        }
                    }
                }));
            }
            loading.await();
            Thread.sleep(round % 8); // not a wait: the delay itself makes the stop land at different moments of the loads
            threads.add(Thread.ofPlatform().daemon().start(own::deactivate));
            for (Thread thread : threads) {
                thread.join(30_000);
                assertThat(thread.isAlive()).as("round %d: a load or the stop hangs", round).isFalse();
            }
            assertThat(outcomes).as("round %d", round).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfAny(ForeignValue.class, BridgeUnavailableException.class));
        }
    }
}
