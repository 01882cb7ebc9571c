package io.ggen.ffi.bridge.wasm.internal;

import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.ValueKind;
import java.nio.charset.StandardCharsets;

/**
 * The WebAssembly bridge keeps the testkit's contract. A WebAssembly function has one type per
 * parameter, so the echo is an i64 one: every integer that fits 64 bits comes back exactly; strings
 * and bytes cross by the memory convention, which {@link WasmMemoryConventionTest} covers.
 */
class ChicoryWasmBridgeContractTest extends BridgeContract<ChicoryWasmBridge> {

    private static final ModuleSpec MODULE = ModuleSpec.code(ChicoryWasmBridge.LANGUAGE, """
        (module
          (func (export "echo") (param i64) (result i64) local.get 0)
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func $fail (export "fail") unreachable)
          (func (export "spin") (loop br 0)))
        """);

    @Override
    protected ChicoryWasmBridge newBridge() {
        return TestSupport.bridge(WasmSettings.Execution.COMPILER);
    }

    @Override
    protected void stop(ChicoryWasmBridge bridge) {
        bridge.deactivate();
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(MODULE)
            .echo("echo", ValueKind.INT32, ValueKind.INT53, ValueKind.INT64)
            .add("add")
            .error("fail", "Unreachable", "trapped").withFrames()
            .spin("spin")
            .malformed(ModuleSpec.bytes(ChicoryWasmBridge.LANGUAGE, "not WebAssembly".getBytes(StandardCharsets.UTF_8)));
    }
}
