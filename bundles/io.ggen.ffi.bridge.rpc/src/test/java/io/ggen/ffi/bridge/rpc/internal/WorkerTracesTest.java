package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.testkit.TestCallContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.ggen.ffi.api.ProcessPools;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A traced call to a real Python worker on the SDK: its span comes back into the caller's trace. */
class WorkerTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get("test");
    private final RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, new TestWorkers.RecordingLogger().logger);

    WorkerTracesTest() {
        WorkerTraces.Installed.traces = new OpenTelemetryTraces(provider);
    }

    @AfterEach
    void stop() {
        WorkerTraces.Installed.traces = WorkerTraces.NONE;
        bridge.deactivate();
        provider.close();
    }

    @Test
    void theWorkersSpanIsAChildOfTheCallersWithItsTimesAndAttributes() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            Span caller = tracer.spanBuilder("caller").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                assertThat(call(module, "add", 2, 3)).isEqualTo(ForeignValue.of(5));
            } finally {
                caller.end();
            }
            SpanData callerData = span("caller");
            SpanData worker = span("cpython add");
            assertThat(worker.getTraceId()).isEqualTo(callerData.getTraceId());
            assertThat(worker.getParentSpanId()).isEqualTo(callerData.getSpanId());
            assertThat(worker.getAttributes().get(AttributeKey.stringKey("worker.language"))).isEqualTo("cpython");
            assertThat(worker.getAttributes().get(AttributeKey.longKey("process.pid")))
                .isEqualTo(TestWorkers.processes(module).getFirst().pid());
            assertThat(worker.getAttributes().get(AttributeKey.stringKey("worker.span_id"))).matches("[0-9a-f]{16}");
            assertThat(worker.getStartEpochNanos()).isBetween(callerData.getStartEpochNanos() - 50_000_000L,
                worker.getEndEpochNanos());
            assertThat(worker.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }
    }

    @Test
    void aFailedCallsSpanSaysSoAndAnUntracedCallSendsNone() {
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            Span caller = tracer.spanBuilder("caller").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                assertThatThrownBy(() -> call(module, "div", 1, 0)).isInstanceOf(ForeignException.class);
            } finally {
                caller.end();
            }
            assertThat(span("cpython div").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span("cpython div").getStatus().getDescription()).contains("division");

            exported.reset();
            assertThat(TestCallContext.call(module, "echo", ForeignValue.of("untraced"))).isEqualTo(ForeignValue.of("untraced"));
            assertThat(exported.getFinishedSpanItems()).isEmpty();
        }
    }

    @Test
    void twoCallsInFlightUnderOneSpanEachBringTheirWorkersSpanBack() throws Exception {
        RpcProcessPools pools = new RpcProcessPools();
        pools.addOwner(bridge);
        ExecutorService threads = Context.taskWrapping(Executors.newSingleThreadExecutor());
        try (GuestModule module = bridge.load(TestWorkers.sdkWorker())) {
            Span caller = tracer.spanBuilder("caller").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                Future<ForeignValue> slow = threads.submit(() -> TestCallContext.call(module, "nap", ForeignValue.of(1.0)));
                await().atMost(Duration.ofSeconds(10)).until(() -> pools.pools().stream()
                    .flatMap(pool -> pool.processes().stream()).mapToInt(ProcessPools.PoolProcess::inFlight).sum() == 1);
                assertThat(call(module, "add", 2, 3)).isEqualTo(ForeignValue.of(5));   // ends while the nap runs
                assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(ForeignValue.of("rested"));
            } finally {
                caller.end();
                threads.shutdownNow();
            }
            assertThat(span("cpython add").getParentSpanId()).isEqualTo(span("caller").getSpanId());
            assertThat(span("cpython nap").getParentSpanId()).isEqualTo(span("caller").getSpanId());
        }
    }

    private SpanData span(String name) {
        List<SpanData> named = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, exported.getFinishedSpanItems()).hasSize(1);
        return named.getFirst();
    }
}
