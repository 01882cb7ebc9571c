package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestModule;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls into a real worker written with the Python SDK. */
class RpcWorkerBridgeTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    @Test
    void callsAFunctionOfAnSdkWorkerAndListsItsFunctions() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThat(module.functions()).contains("add", "echo", "div", "add_again", "counter");
            assertThat(call(module, "add", 2, 3)).isEqualTo(ForeignValue.of(5));
            assertThat(call(module, "add_again", 40, 2)).isEqualTo(ForeignValue.of(42));
        }
    }

    @Test
    void valuesCrossBothWaysUnchanged() {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        entries.put(ForeignValue.of("big"), ForeignValue.of(new BigInteger("123456789012345678901234567890")));
        entries.put(ForeignValue.of("beyond 2^53"), ForeignValue.of(9_007_199_254_740_993L));
        entries.put(ForeignValue.of("bytes"), ForeignValue.of(new byte[] {0, 1, -1, 42}));
        entries.put(ForeignValue.of("nan"), ForeignValue.of(Double.NaN));
        entries.put(ForeignValue.of("inf"), ForeignValue.of(Double.NEGATIVE_INFINITY));
        entries.put(ForeignValue.of("float"), ForeignValue.of(2.0));
        entries.put(ForeignValue.of("text"), ForeignValue.of("grüße \u2603 \"quoted\""));
        entries.put(ForeignValue.of("list"), ForeignValue.list(ForeignValue.NULL, ForeignValue.TRUE, ForeignValue.of(-7)));
        ForeignValue value = ForeignValue.map(entries);
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThat(call(module, "echo", value)).isEqualTo(value);
            assertThat(call(module, "echo", ForeignValue.NULL)).isEqualTo(ForeignValue.NULL);
        }
    }

    @Test
    void aPythonExceptionBecomesAForeignExceptionWithItsTraceback() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThatThrownBy(() -> call(module, "validate", -4))
                .isExactlyInstanceOf(ForeignException.class)
                .hasMessage("[cpython] ValueError: negative: -4")
                .satisfies(e -> {
                    ForeignException f = (ForeignException) e;
                    assertThat(f.language()).isEqualTo("cpython");
                    assertThat(f.foreignType()).isEqualTo("ValueError");
                    assertThat(f.foreignFrames()).extracting(ForeignFrame::function).containsExactly("check", "validate");
                    assertThat(f.foreignFrames().getFirst().source()).endsWith("sdk_worker.py");
                    assertThat(f.foreignFrames().getFirst().line()).isPositive();
                    assertThat(f.getStackTrace()[0].getClassName()).isEqualTo("<cpython>");
                });
            assertThatThrownBy(() -> call(module, "div", 1, 0)).isInstanceOf(ForeignException.class)
                .hasMessageContaining("ZeroDivisionError");
        }
    }

    @Test
    void anUnknownFunctionNamesTheFunctionsTheWorkerHas() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThatThrownBy(() -> module.function("mul")).isInstanceOf(NoSuchFunctionException.class)
                .hasMessageContaining("has no function 'mul'").hasMessageContaining("add, echo, div");
        }
    }

    @Test
    void wrongArgumentsAreRefusedAsArgumentErrors() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            assertThatThrownBy(() -> call(module, "add", 1)).isInstanceOf(ForeignArgumentException.class)
                .hasMessageContaining("wrong number of arguments for add");
        }
    }

    @Test
    void theLanguageLabelIsTheSpecsUnlessItIsRpcThenTheWorkers() {
        try (GuestModule go = bridge.load(TestWorkers.spec("go", "sdk_worker.py"));
             GuestModule any = bridge.load(TestWorkers.spec("rpc", "sdk_worker.py"))) {
            assertThatThrownBy(() -> call(go, "div", 1, 0)).isInstanceOf(ForeignException.class)
                .satisfies(e -> assertThat(((ForeignException) e).language()).isEqualTo("go"));
            assertThatThrownBy(() -> call(any, "div", 1, 0)).isInstanceOf(ForeignException.class)
                .satisfies(e -> assertThat(((ForeignException) e).language()).isEqualTo("cpython"));
        }
    }

    @Test
    void modulesWithTheSameSpecShareTheirWorkerUntilTheLastCloses() throws InterruptedException {
        GuestModule first = bridge.load(TestWorkers.sdkWorker());
        GuestModule second = bridge.load(TestWorkers.sdkWorker());
        ForeignValue pid = call(first, "pid");
        assertThat(call(second, "pid")).isEqualTo(pid);
        List<ProcessHandle> processes = TestWorkers.processes(first);
        assertThat(processes).hasSize(1);
        first.close();
        assertThat(call(second, "add", 1, 1)).isEqualTo(ForeignValue.of(2));
        assertThat(processes.getFirst().isAlive()).isTrue();
        second.close();
        assertThat(TestWorkers.allDead(processes, Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(() -> call(second, "add", 1, 1)).isInstanceOf(ForeignException.class)
            .hasMessageContaining("is closed");
    }

    @Test
    void theWorkersStderrGoesToTheLogWithItsName() throws InterruptedException {
        ModuleSpec spec = TestWorkers.sdkWorker();
        try (GuestModule module = bridge.load(spec)) {
            assertThat(call(module, "shout", ForeignValue.of("hey"))).isEqualTo(ForeignValue.of("HEY"));
            log.await("shouting hey", Duration.ofSeconds(5));
            assertThat(log.lines).anyMatch(l -> l.startsWith("INFO [" + spec.source() + "] shouting hey"));
        }
    }

    @Test
    void closingTheBridgeLeavesNoProcessNorGrandchildAlive() throws InterruptedException {
        GuestModule module = bridge.load(TestWorkers.sdkWorker());
        long grandchild = ((ForeignValue.IntValue) call(module, "spawn_child")).value();
        List<ProcessHandle> tree = new java.util.ArrayList<>(TestWorkers.processes(module));
        tree.add(ProcessHandle.of(grandchild).orElseThrow());
        assertThat(tree).allMatch(ProcessHandle::isAlive);
        bridge.deactivate();
        assertThat(TestWorkers.allDead(tree, Duration.ofSeconds(5))).isTrue();
    }

    /** It threw an IllegalStateException: a load after the stop must fail as the platform's exceptions do. */
    @Test
    void aLoadAfterTheBridgeStoppedSaysSo() {
        bridge.deactivate();
        assertThatThrownBy(() -> bridge.load(TestWorkers.sdkWorker()))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("the RPC bridge was stopped");
    }

    @Test
    void codeAndFilesAreRefusedWithWhatToLoadInstead() {
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code("go", "package main")))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("ModuleSpec.named(language");
    }
}
