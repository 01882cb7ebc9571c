package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.bridge.rpc.internal.RpcMessages.Trace;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerSpan;
import java.util.List;

/**
 * Carries traces across the worker protocol: the caller's current trace goes out with a call
 * ({@code trace}), and the span the worker recorded for it ({@code $/spans}) comes back into the
 * caller's trace. The OpenTelemetry side is {@link OpenTelemetryTraces}, installed by the bridge
 * while the tracing bundle offers a tracer provider; without one calls carry no trace.
 */
interface WorkerTraces {

    /** No tracing: calls carry no trace, spans that come back are dropped. */
    WorkerTraces NONE = new WorkerTraces() {
        @Override
        public Trace outgoing() {
            return null;
        }

        @Override
        public void arrived(List<WorkerSpan> spans) {
        }

        @Override
        public void done(Trace trace) {
        }
    };

    /** The current trace as the protocol's {@code trace} member, remembered until {@link #done}; null when not traced. */
    Trace outgoing();

    /** Spans a worker sent: each goes into the trace of the call whose span is its parent. */
    void arrived(List<WorkerSpan> spans);

    /** The call that sent this trace has its answer: later spans for it are dropped. */
    void done(Trace trace);

    /** What the bridge installed; {@link #NONE} without the tracing bundle. */
    static WorkerTraces installed() {
        return Installed.traces;
    }

    /** The one installation of the bundle: the bridge component sets it while it runs. */
    final class Installed {
        static volatile WorkerTraces traces = NONE;

        private Installed() {
        }
    }
}
