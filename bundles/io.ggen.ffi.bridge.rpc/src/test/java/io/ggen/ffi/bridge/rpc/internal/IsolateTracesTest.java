package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An isolate host's side of tracing: a call that carries the caller's trace gets the isolate's own
 * span, sent in {@code $/spans} before the answer, which the platform's side records under the
 * caller's span; a call without a trace sends nothing.
 */
class IsolateTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get("test");
    /** The platform's side, as the RPC bridge installs it while the tracing bundle is there. */
    private final OpenTelemetryTraces traces = new OpenTelemetryTraces(provider);
    private final ByteArrayOutputStream frames = new ByteArrayOutputStream();
    private IsolateSession session;

    /** An in-process module of a fake {@code graaljs} bridge: {@code add} adds, {@code fail} throws a TypeError. */
    private static final GuestModule MODULE = new GuestModule() {
        @Override
        public Set<String> functions() {
            return Set.of("add", "fail");
        }

        @Override
        public GuestFunction function(String name) {
            return (args, context) -> {
                if (name.equals("fail")) {
                    throw new ForeignException("javascript", "TypeError", "x is not a function");
                }
                return ForeignValue.of(((ForeignValue.IntValue) args.get(0)).value() + ((ForeignValue.IntValue) args.get(1)).value());
            };
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void initialize() throws Exception {
        ForeignBridge fake = (ForeignBridge) Proxy.newProxyInstance(ForeignBridge.class.getClassLoader(),
            new Class<?>[] {ForeignBridge.class}, (proxy, method, args) -> switch (method.getName()) {
                case "load" -> MODULE;
                default -> throw new UnsupportedOperationException(method.getName());
            });
        session = new IsolateSession((language, name) -> fake, new ByteArrayInputStream(new byte[0]), frames,
            new TestWorkers.RecordingLogger().logger);
        session.request(RpcMessages.INITIALIZE, new RpcMessages.InitializeParams(new RpcMessages.ModuleParams(
            "javascript", "graaljs", "CODE", "function add(a, b) { return a + b; }", Map.of()))).get();
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aTracedCallsIsolateSpanComesBackUnderTheCallersSpanWithTheCallsAttributes() throws Exception {
        Span caller = tracer.spanBuilder("caller").startSpan();
        Object answer;
        try (Scope ignored = caller.makeCurrent()) {
            answer = call("add", traces.outgoing());
        } finally {
            caller.end();
        }

        assertThat(answer).isEqualTo(ForeignValue.of(3));
        List<RpcMessages.SpansParams> sent = spansSent(1);
        assertThat(sent).as("one $/spans, queued before the answer").hasSize(1);
        traces.arrived(sent.getFirst().spans());
        SpanData isolate = span("isolate graaljs add");
        SpanData callerData = span("caller");
        assertThat(isolate.getTraceId()).isEqualTo(callerData.getTraceId());
        assertThat(isolate.getParentSpanId()).isEqualTo(callerData.getSpanId());
        assertThat(isolate.getAttributes().get(AttributeKey.stringKey("ffi.language"))).isEqualTo("javascript");
        assertThat(isolate.getAttributes().get(AttributeKey.stringKey("ffi.bridge"))).isEqualTo("graaljs");
        assertThat(isolate.getAttributes().get(AttributeKey.stringKey("ffi.function"))).isEqualTo("add");
        assertThat(isolate.getAttributes().get(AttributeKey.stringKey("ffi.module"))).startsWith("<code: ");
        assertThat(isolate.getAttributes().get(AttributeKey.longKey("process.pid"))).isEqualTo(ProcessHandle.current().pid());
        assertThat(isolate.getStartEpochNanos()).isBetween(callerData.getStartEpochNanos(), callerData.getEndEpochNanos());
        assertThat(isolate.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedCallsSpanSaysTheForeignErrorAndABatchsSpanItsSize() throws Exception {
        Span caller = tracer.spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            RpcMessages.Trace trace = traces.outgoing();
            assertThatThrownBy(() -> call("fail", trace)).isInstanceOf(ExecutionException.class);
            session.request(RpcMessages.CALL_BATCH, new RpcMessages.BatchParams("add", List.of(
                List.of(ForeignValue.of(1), ForeignValue.of(2)), List.of(ForeignValue.of(3), ForeignValue.of(4))), trace)).get();
        } finally {
            caller.end();
        }
        spansSent(2).forEach(spans -> traces.arrived(spans.spans()));

        assertThat(span("isolate graaljs fail").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span("isolate graaljs fail").getStatus().getDescription()).isEqualTo("TypeError: x is not a function");
        assertThat(span("isolate graaljs add").getAttributes().get(AttributeKey.longKey("batch.size"))).isEqualTo(2L);
        assertThat(span("isolate graaljs add").getAttributes().get(AttributeKey.stringKey("rpc.method"))).isEqualTo("callBatch");
    }

    @Test
    void aCallWithoutATraceOrWithAMalformedOneSendsNoSpan() throws Exception {
        assertThat(call("add", null)).isEqualTo(ForeignValue.of(3));
        assertThat(call("add", new RpcMessages.Trace("01-not-a-traceparent", null))).isEqualTo(ForeignValue.of(3));
        assertThat(frames.size()).as("nothing written but answers (which this test reads from the futures)").isZero();
    }

    private Object call(String function, RpcMessages.Trace trace) throws Exception {
        return session.request(RpcMessages.CALL, new RpcMessages.CallParams(function,
            List.of(ForeignValue.of(1), ForeignValue.of(2)), trace)).get();
    }

    /**
     * The {@code $/spans} notifications the session wrote, in order, once {@code count} are: the
     * session's writer thread writes them (before the answers, which this test does not read).
     */
    private List<RpcMessages.SpansParams> spansSent(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> written().size() >= count);
        return written();
    }

    private List<RpcMessages.SpansParams> written() {
        String written = frames.toString(StandardCharsets.UTF_8);
        List<RpcMessages.SpansParams> sent = new ArrayList<>();
        for (String part : written.split("Content-Length: \\d+\r\n\r\n")) {
            if (!part.isBlank()) {
                JsonObject message = JsonParser.parseString(part).getAsJsonObject();
                assertThat(message.get("method").getAsString()).isEqualTo(RpcMessages.SPANS);
                sent.add(new Gson().fromJson(message.get("params"), RpcMessages.SpansParams.class));
            }
        }
        return sent;
    }

    private SpanData span(String name) {
        List<SpanData> named = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, exported.getFinishedSpanItems()).hasSize(1);
        return named.getFirst();
    }
}
