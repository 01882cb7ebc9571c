package io.ggen.ffi.tracing.internal;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The spans of what is not one call: a module's load, and a batch that crosses into the bridge at once. */
class LoadAndBatchSpansTest {

    private static final ModuleSpec MODULE = ModuleSpec.code("javascript", "function add(a, b) { return a + b; }");
    private static final BridgeInfo GRAALJS = new BridgeInfo("javascript", List.of("js"), "graaljs", 0,
        "io.ggen.ffi.bridge.js", "1.1.0", BridgeCapabilities.NONE, "GraalJS");

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private CallSpanInterceptor calls;
    private BridgeSpanInterceptor bridges;

    private Tracing tracing(boolean exporting) {
        return new Tracing(exporting ? SimpleSpanProcessor.create(exported) : null, 1.0, (c, b) -> {
            calls = c;
            bridges = b;
            return () -> { };
        });
    }

    private static List<BatchResult> squares(int size) {
        return java.util.stream.IntStream.range(0, size).mapToObj(i -> BatchResult.success(ForeignValue.of(i * i))).toList();
    }

    @Test
    void aLoadInARecordingIsALoadSpanWithTheBridgeTheModuleAndItsIsolation() {
        try (Tracing tracing = tracing(false); Recording recording = tracing.start("ggen test-ffi javascript")) {
            AtomicReference<SpanContext> seen = new AtomicReference<>();
            calls.interceptLoad(new CallInterceptor.Load(MODULE.isolated(), GRAALJS, recording.callOptions(CallOptions.DEFAULT)),
                () -> seen.set(Span.current().getSpanContext()));
            SpanTree tree = recording.finish();

            SpanTree.Node load = tree.roots().getFirst().children().getFirst();
            assertThat(load.name()).isEqualTo("load javascript");
            assertThat(load.attributes()).containsEntry("ffi.language", "javascript").containsEntry("ffi.bridge", "graaljs")
                .containsEntry("ffi.module", MODULE.describe()).containsEntry("ffi.isolation", "process");
            assertThat(seen.get().getSpanId()).as("the load runs with its span current").isEqualTo(load.spanId());
        }
    }

    @Test
    void aFailedLoadsSpanSaysTheErrorAndAnUntracedLoadHasNone() {
        try (Tracing tracing = tracing(true)) {
            ForeignException error = new ForeignException("javascript", "SyntaxError", "Unexpected token");
            assertThatThrownBy(() -> calls.interceptLoad(new CallInterceptor.Load(MODULE, GRAALJS, CallOptions.DEFAULT), () -> {
                throw error;
            })).isSameAs(error);
            assertThat(span("load javascript")).hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
                .hasAttribute(AttributeKey.stringKey("ffi.error.foreign_type"), "SyntaxError");
        }
        try (Tracing tracing = tracing(false); Recording ignored = tracing.start("open, so the interceptors are there")) {
            exported.reset();
            boolean[] loaded = {false};
            calls.interceptLoad(new CallInterceptor.Load(MODULE, GRAALJS, CallOptions.DEFAULT), () -> loaded[0] = true);
            assertThat(loaded[0]).isTrue();
            assertThat(ignored.finish().size()).as("a load outside the recording is not traced").isEqualTo(1);
        }
    }

    @Test
    void anExplicitBatchIsOneSpanWithItsSizeUnderTheCallersAndCurrentWhileTheBridgeRunsIt() {
        try (Tracing tracing = tracing(true)) {
            AtomicReference<SpanContext> seen = new AtomicReference<>();
            List<BatchResult> results = calls.interceptBatch(new CallInterceptor.Batch(FakeInvocation.ADD, "javascript", MODULE,
                3, false, CallOptions.DEFAULT), () -> {
                    seen.set(Span.current().getSpanContext());
                    return squares(3);
                });

            assertThat(results).hasSize(3);
            SpanData batch = span("batch add");
            assertThat(batch).hasAttributesSatisfyingExactly(
                equalTo(AttributeKey.stringKey("ffi.language"), "javascript"),
                equalTo(AttributeKey.stringKey("ffi.bridge"), "graaljs"),
                equalTo(AttributeKey.stringKey("ffi.function"), "add"),
                equalTo(AttributeKey.stringKey("ffi.module"), "<inline javascript>"),
                equalTo(AttributeKey.longKey("ffi.batch.size"), 3L),
                equalTo(AttributeKey.stringKey("ffi.batch.kind"), "explicit"));
            assertThat(seen.get()).isEqualTo(batch.getSpanContext());
        }
    }

    @Test
    void aMicroBatchsSpanIsAChildOfTheBridgeSpanOfTheCallThatLeadsIt() {
        try (Tracing tracing = tracing(false); Recording recording = tracing.start("ggen test-ffi javascript")) {
            CallOptions options = recording.callOptions(CallOptions.DEFAULT).withAttribute("batch.window.ms", "2");
            FakeInvocation leader = new FakeInvocation(options);
            // the pipeline: call span, bridge span, then the batching interceptor, which sends the batch through the invocation
            calls.intercept(leader, () -> bridges.intercept(leader, () -> calls.interceptBatch(new CallInterceptor.Batch(
                FakeInvocation.ADD, "javascript", MODULE, 2, true, options), () -> squares(2)).getFirst().get()));
            SpanTree tree = recording.finish();

            SpanTree.Node call = tree.roots().getFirst().children().getFirst();
            assertThat(call.name()).isEqualTo("call add");
            SpanTree.Node bridge = call.children().getFirst();
            assertThat(bridge.name()).isEqualTo("graaljs add");
            assertThat(bridge.children()).singleElement().satisfies(batch -> {
                assertThat(batch.name()).isEqualTo("batch add");
                assertThat(batch.attributes()).containsEntry("ffi.batch.size", "2").containsEntry("ffi.batch.kind", "micro");
            });
        }
    }

    private SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported.getFinishedSpanItems()));
    }
}
