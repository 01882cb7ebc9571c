package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.tracing.TraceRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The tracing bundle in Felix with the real runtime and JavaScript bridge: off, it registers no
 * interceptor; with the OTLP exporter, a call made under a caller's span reaches a collector (a
 * small HTTP server here) as that span's child, through the embedded SDK and the JDK sender; a
 * recording holds a load's span, and a micro-batch's (the batching bundle's) with its size.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TracingIT extends PlatformTestSupport {

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    BundleContext context;

    @Inject
    TraceRecorder recorder;

    private Collection<ServiceReference<CallInterceptor>> tracingInterceptors() throws InvalidSyntaxException {
        return context.getServiceReferences(CallInterceptor.class, "(interceptor.name=tracing*)");
    }

    @Test
    public void offNoTracingInterceptorIsRegistered() throws InvalidSyntaxException {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tracingInterceptors()).isEmpty());
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function test() { return 1; }"))) {
            assertThat(js.call("test")).isEqualTo(1L);
        }
        assertThat(tracingInterceptors()).isEmpty();
    }

    @Test
    public void aJavaScriptCallUnderACallersSpanIsExportedAsItsChild() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Configuration configuration = configurationAdmin.getConfiguration("io.ggen.ffi.tracing", "?");
        try {
            configuration.update(new Hashtable<>(Map.of("exporter", "otlp",
                "otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tracingInterceptors()).hasSize(2));

            // the caller's span, as propagated from upstream (a traceparent): the call's span must be its child
            SpanContext caller = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
            try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function test() { return 'JS works'; }"));
                 Scope ignored = Span.wrap(caller).makeCurrent()) {
                assertThat(js.call("test")).isEqualTo("JS works");
            }

            // OTLP protobuf: a Span's trace_id is field 1 (tag 0x0a, 16 bytes), its parent_span_id field 4 (tag 0x22, 8 bytes)
            byte[] traceId = concat(new byte[] {0x0a, 0x10}, HexFormat.of().parseHex(caller.getTraceId()));
            byte[] parent = concat(new byte[] {0x22, 0x08}, HexFormat.of().parseHex(caller.getSpanId()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).anySatisfy(body -> {
                assertThat(indexOf(body, "call test".getBytes(StandardCharsets.UTF_8))).as("the call's span").isNotNegative();
                assertThat(indexOf(body, "graaljs test".getBytes(StandardCharsets.UTF_8))).as("the bridge's span").isNotNegative();
                assertThat(indexOf(body, traceId)).as("the caller's trace").isNotNegative();
                assertThat(indexOf(body, parent)).as("a span whose parent is the caller's").isNotNegative();
            }));
        } finally {
            configuration.delete();
            collector.stop(0);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tracingInterceptors()).isEmpty());
    }

    @Test
    public void aRecordingHoldsTheLoadTheCallAndTheBridgeAsOneTree() {
        try (var recording = recorder.start("itest")) {
            ForeignModule js;
            try (var load = recording.step("load javascript")) {
                js = runtime.load(ModuleSpec.code("javascript", "function add(a, b) { return a + b; }"));
            }
            try (js) {
                assertThat(js.function("add").invoke(List.of(ForeignValue.of(1), ForeignValue.of(2)),
                    recording.callOptions(CallOptions.DEFAULT))).isEqualTo(ForeignValue.of(3));
            }
            String tree = recording.finish().format();
            assertThat(tree).matches("(?s)trace [0-9a-f]{32}\n  itest  .*\n    load javascript  .*\n    call add  .*\n      graaljs add  .*\n");
        }
    }

    @Test
    public void aLoadWithARecordingsOptionsIsTracedByTheRuntimeAsALoadSpan() {
        try (var recording = recorder.start("itest")) {
            runtime.load(ModuleSpec.code("javascript", "function one() { return 1; }"),
                recording.callOptions(CallOptions.DEFAULT)).close();
            var root = recording.finish().roots().getFirst();
            assertThat(root.children()).singleElement().satisfies(load -> {
                assertThat(load.name()).isEqualTo("load javascript");
                assertThat(load.attributes()).containsEntry("ffi.bridge", "graaljs").containsEntry("ffi.language", "javascript")
                    .containsEntry("ffi.module", "<code: function one() { return 1; }>");
            });
        }
    }

    @Test
    public void aMicroBatchIsOneSpanWithItsSizeUnderTheBridgeSpanOfTheCallThatLedIt() {
        try (var recording = recorder.start("itest");
             ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function sq(x) { return x * x; }"))) {
            // three concurrent calls, gathered until the batch holds three (the window is only an upper bound)
            CallOptions batched = recording.callOptions(CallOptions.DEFAULT).withAttribute("batch.window.ms", "10000")
                .withAttribute("batch.max.size", "3");
            var calls = List.of(1, 2, 3).stream()
                .map(x -> js.function("sq").invokeAsync(List.of(ForeignValue.of(x)), batched)).toList();
            assertThat(calls.stream().map(java.util.concurrent.CompletableFuture::join))
                .containsExactly(ForeignValue.of(1), ForeignValue.of(4), ForeignValue.of(9));
            var tree = recording.finish();
            var bridgeSpans = tree.roots().getFirst().children().stream()
                .flatMap(call -> call.children().stream()).toList();
            assertThat(bridgeSpans).as(tree.format()).hasSize(3).allMatch(span -> span.name().equals("graaljs sq"));
            assertThat(bridgeSpans.stream().flatMap(span -> span.children().stream())).as(tree.format())
                .singleElement().satisfies(batch -> {
                    assertThat(batch.name()).isEqualTo("batch sq");
                    assertThat(batch.attributes()).containsEntry("ffi.batch.size", "3").containsEntry("ffi.batch.kind", "micro");
                });
        }
    }

    private static byte[] concat(byte[] a, byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a);
        out.write(b);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
