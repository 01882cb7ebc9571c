package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.ValueKind;

/**
 * The JavaScript bridge keeps the testkit's contract, with every value kind: integers beyond
 * 2<sup>53</sup> cross as {@code BigInt}s, so even the whole 64-bit range comes back exactly.
 */
class GraalJsBridgeContractTest extends BridgeContract<GraalJsBridge> {

    private static final ModuleSpec MODULE = ModuleSpec.code("javascript", """
        function echo(x) { return x; }
        function add(a, b) { return a + b; }
        function fail(message) { throw new TypeError(message); }
        function spin() { for (;;) {} }
        class Counter { constructor() { this.count = 0; } next() { return ++this.count; } }
        function counter() { return new Counter(); }
        """);

    @Override
    protected GraalJsBridge newBridge() {
        return TestSupport.bridge(TestSupport.settings(2));
    }

    @Override
    protected void stop(GraalJsBridge bridge) {
        bridge.deactivate();
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(MODULE)
            .echo("echo", ValueKind.values())
            .add("add")
            .error("fail", "TypeError", "boom", ForeignValue.of("boom")).withFrames()
            .spin("spin")
            .handle("counter")
            .malformed(ModuleSpec.code("javascript", "function broken( {"));
    }
}
