package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.ValueKind;

/**
 * The Python bridge keeps the testkit's contract, with every value kind ({@code int} has any size;
 * an integral {@code float} stays a float, {@code 1e100} included).
 */
class GraalPyBridgeContractTest extends BridgeContract<GraalPyBridge> {

    private static final ModuleSpec MODULE = ModuleSpec.code("python", """
        def echo(x):
            return x

        def add(a, b):
            return a + b

        def fail(message):
            raise ValueError(message)

        def spin():
            while True:
                pass

        class Counter:
            def __init__(self):
                self.count = 0

        def counter():
            return Counter()
        """);

    @Override
    protected GraalPyBridge newBridge() {
        return TestSupport.bridge(TestSupport.settings(2));
    }

    @Override
    protected void stop(GraalPyBridge bridge) {
        bridge.deactivate();
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(MODULE)
            .echo("echo", ValueKind.values())
            .add("add")
            .error("fail", "ValueError", "boom", ForeignValue.of("boom")).withFrames()
            .spin("spin")
            .handle("counter")
            .malformed(ModuleSpec.code("python", "def broken(:\n    pass\n"));
    }
}
