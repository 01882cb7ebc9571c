package io.ggen.ffi.tracing.internal;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.Invocation;
import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    /** The caller's own OpenTelemetry: another provider, as an application would have (with a processor: else its spans are no-ops). */
    private final SdkTracerProvider callerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();
    private final Tracer caller = callerProvider.get("caller");
    private CallSpanInterceptor calls;
    private BridgeSpanInterceptor bridges;
    private int registrations;
    private int unregistrations;

    private Tracing tracing(boolean exporting) {
        return new Tracing(exporting ? SimpleSpanProcessor.create(exported) : null, 1.0, (c, b) -> {
            calls = c;
            bridges = b;
            registrations++;
            return () -> unregistrations++;
        });
    }

    @AfterEach
    void closeCaller() {
        callerProvider.close();
    }

    /** The pipeline as the runtime runs it: the call's span, (the cache,) the bridge's span, the bridge. */
    private ForeignValue call(Invocation invocation, Supplier<ForeignValue> bridge) {
        return calls.intercept(invocation, () -> bridges.intercept(invocation, bridge::get));
    }

    @Test
    void theCallsSpanIsAChildOfTheCallersCurrentSpanAndTheBridgesOfTheCalls() {
        try (Tracing tracing = tracing(true)) {
            Span callerSpan = caller.spanBuilder("handle request").startSpan();
            try (Scope ignored = callerSpan.makeCurrent()) {
                assertThat(call(new FakeInvocation(CallOptions.DEFAULT), () -> ForeignValue.of(3))).isEqualTo(ForeignValue.of(3));
            } finally {
                callerSpan.end();
            }
            SpanData callSpan = span("call add");
            SpanData bridgeSpan = span("graaljs add");
            assertThat(callSpan).hasTraceId(callerSpan.getSpanContext().getTraceId())
                .hasParentSpanId(callerSpan.getSpanContext().getSpanId()).hasKind(SpanKind.CLIENT);
            assertThat(bridgeSpan).hasParent(callSpan);
        }
    }

    @Test
    void theBridgeRunsWithTheBridgesSpanCurrent() {
        try (Tracing tracing = tracing(true)) {
            AtomicReference<SpanContext> seen = new AtomicReference<>();
            call(new FakeInvocation(CallOptions.DEFAULT), () -> {
                seen.set(Span.current().getSpanContext());
                return ForeignValue.of(3);
            });
            assertThat(seen.get()).isEqualTo(span("graaljs add").getSpanContext());
            assertThat(Span.current().getSpanContext().isValid()).as("nothing left current after the call").isFalse();
        }
    }

    @Test
    void theCallsSpanCarriesLanguageBridgeFunctionModuleIsolationAndBatchWindow() {
        try (Tracing tracing = tracing(true)) {
            FakeInvocation isolated = new FakeInvocation(ModuleSpec.code("javascript", "function add(a, b) { return a + b; }").isolated(),
                CallOptions.DEFAULT.withAttribute("batch.window.ms", "2"));
            call(isolated, () -> ForeignValue.of(3));
            assertThat(span("call add")).hasAttributesSatisfyingExactly(
                equalTo(AttributeKey.stringKey("ffi.language"), "javascript"),
                equalTo(AttributeKey.stringKey("ffi.bridge"), "graaljs"),
                equalTo(AttributeKey.stringKey("ffi.function"), "add"),
                equalTo(AttributeKey.stringKey("ffi.module"), "<inline javascript>"),
                equalTo(AttributeKey.stringKey("ffi.isolation"), "process"),
                equalTo(AttributeKey.stringKey("ffi.batch.window.ms"), "2"));
        }
    }

    @Test
    void aForeignErrorMarksBothSpansFailedWithItsTypes() {
        try (Tracing tracing = tracing(true)) {
            ForeignException error = new ForeignException("javascript", "TypeError", "x is not a function");
            assertThatThrownBy(() -> call(new FakeInvocation(CallOptions.DEFAULT), () -> {
                throw error;
            })).isSameAs(error);
            for (String name : List.of("call add", "graaljs add")) {
                assertThat(span(name)).hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
                    .hasAttribute(AttributeKey.stringKey("error.type"), ForeignException.class.getName())
                    .hasAttribute(AttributeKey.stringKey("ffi.error.foreign_type"), "TypeError")
                    .hasException(error);
            }
        }
    }

    @Test
    void aPureCallTheCacheAnswersIsACacheHitWithoutABridgeSpan() {
        try (Tracing tracing = tracing(true)) {
            FakeInvocation pure = new FakeInvocation(CallOptions.pure());
            calls.intercept(pure, () -> ForeignValue.of(3));   // the cache answers: the bridge's span is never reached
            assertThat(exported.getFinishedSpanItems()).singleElement()
                .satisfies(s -> assertThat(s).hasName("call add").hasAttribute(AttributeKey.booleanKey("ffi.cache.hit"), true));
            exported.reset();
            call(pure, () -> ForeignValue.of(3));
            assertThat(span("call add")).hasAttribute(AttributeKey.booleanKey("ffi.cache.hit"), false);
        }
    }

    @Test
    void withoutAnExporterNoInterceptorIsRegisteredButWhileARecordingIsOpen() {
        try (Tracing tracing = tracing(false)) {
            assertThat(registrations).isZero();
            assertThat(tracing.registered()).isFalse();
            try (Recording recording = tracing.start("ggen test-ffi")) {
                assertThat(tracing.registered()).isTrue();
                assertThat(call(new FakeInvocation(CallOptions.DEFAULT), () -> ForeignValue.of(3))).isEqualTo(ForeignValue.of(3));
                assertThat(recording.finish().size()).as("a call outside the recording is not traced").isEqualTo(1);
            }
            assertThat(tracing.registered()).isFalse();
            assertThat(unregistrations).isEqualTo(1);
        }
    }

    @Test
    void anExporterRegistersTheInterceptorsForGood() {
        Tracing tracing = tracing(true);
        tracing.start("one").close();
        assertThat(tracing.registered()).isTrue();
        tracing.close();
        assertThat(registrations).isEqualTo(1);
        assertThat(unregistrations).isEqualTo(1);
    }

    @Test
    void aRecordingHoldsItsStepsAndACallMadeOnAnotherThreadAsOneTree() {
        try (Tracing tracing = tracing(false); Recording recording = tracing.start("ggen test-ffi javascript")) {
            try (Recording.Step load = recording.step("load javascript")) {
                load.getClass();   // the load would run here
            }
            FakeInvocation invocation = new FakeInvocation(recording.callOptions(CallOptions.DEFAULT));
            CompletableFuture.supplyAsync(() -> call(invocation, () -> ForeignValue.of(3))).join();
            SpanTree tree = recording.finish();

            assertThat(tree.traceId()).hasSize(32);
            assertThat(tree.roots()).singleElement().satisfies(root -> {
                assertThat(root.name()).isEqualTo("ggen test-ffi javascript");
                assertThat(root.children()).extracting(SpanTree.Node::name).containsExactly("load javascript", "call add");
                assertThat(root.children().get(1).children()).extracting(SpanTree.Node::name).containsExactly("graaljs add");
                assertThat(root.children().get(1).attributes()).containsEntry("ffi.language", "javascript");
            });
            assertThat(tree.format()).startsWith("trace " + tree.traceId() + "\n  ggen test-ffi javascript  ")
                .contains("\n    load javascript  ", "\n    call add  ", "\n      graaljs add  ");
            assertThat(exported.getFinishedSpanItems()).as("no exporter").isEmpty();
        }
    }

    @Test
    void aRecordingIsKeptWhateverTheSamplingRatio() {
        try (Tracing tracing = new Tracing(SimpleSpanProcessor.create(exported), 0.0, (c, b) -> {
                calls = c;
                bridges = b;
                return () -> { };
            });
             Recording recording = tracing.start("ggen test-ffi")) {
            call(new FakeInvocation(CallOptions.DEFAULT), () -> ForeignValue.of(3));
            assertThat(exported.getFinishedSpanItems()).as("ratio 0: an ordinary call is not sampled").isEmpty();
            call(new FakeInvocation(recording.callOptions(CallOptions.DEFAULT)), () -> ForeignValue.of(3));
            assertThat(recording.finish().size()).isEqualTo(3);
        }
    }

    @Test
    void aBadConfigurationSaysWhatToFix() {
        assertThatThrownBy(() -> Exporter.of("jaeger"))
            .hasMessage("io.ggen.ffi.tracing: exporter must be one of none, logging, otlp, not 'jaeger'");
        assertThat(Exporter.of(" OTLP ")).isEqualTo(Exporter.OTLP);
        assertThatThrownBy(() -> new Tracing(null, 1.5, (c, b) -> () -> { }))
            .hasMessage("io.ggen.ffi.tracing: sampling.ratio must be between 0 and 1, not 1.5");
    }

    private SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported.getFinishedSpanItems()));
    }
}
