package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.ValueKind;

/**
 * The RPC bridge keeps the testkit's contract, with a CPython worker on the Python SDK
 * ({@code workers/contract_worker.py}) and the bridge's default configuration. Every value kind
 * crosses: integers beyond 2<sup>53</sup> travel as {@code $bigint}, bytes as {@code $bytes}.
 */
class RpcWorkerBridgeContractTest extends BridgeContract<RpcWorkerBridge> {

    @Override
    protected RpcWorkerBridge newBridge() {
        return new RpcWorkerBridge(WorkerDefaults.STANDARD, new TestWorkers.RecordingLogger().logger);
    }

    @Override
    protected void stop(RpcWorkerBridge bridge) {
        bridge.deactivate();
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(TestWorkers.spec("cpython", "contract_worker.py"))
            .echo("echo", ValueKind.values())
            .add("add")
            .error("fail", "ValueError", "boom", ForeignValue.of("boom")).withFrames()
            .spin("spin")
            .handle("counter")
            .malformed(TestWorkers.spec("cpython", "syntax_error_worker.py"));
    }
}
