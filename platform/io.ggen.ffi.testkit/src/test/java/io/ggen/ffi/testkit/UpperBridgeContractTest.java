package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;

/** A bridge that keeps the contract passes it. */
class UpperBridgeContractTest extends BridgeContract<UpperBridge> {

    static final ModuleSpec MODULE = ModuleSpec.code("upper", "x");

    @Override
    protected UpperBridge newBridge() {
        return new UpperBridge();
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(MODULE)
            .echo("echo", ValueKind.values())
            .add("add")
            .error("fail", "UpperError", "boom", ForeignValue.of("boom")).withFrames()
            .spin("spin")
            .malformed(ModuleSpec.code("upper", "a syntax error"));
    }
}
