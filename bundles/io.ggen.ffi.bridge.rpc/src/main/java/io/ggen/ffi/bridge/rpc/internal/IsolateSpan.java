package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.Trace;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerSpan;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The span an isolate records for a traced request ({@code call} or {@code callBatch} with a
 * {@code trace}), sent back in {@code $/spans} as the SDK workers send theirs: a child of the
 * caller's span, named {@code isolate BRIDGE FUNCTION}, with the attributes an in-process call's
 * span has ({@code ffi.language}, {@code ffi.bridge}, {@code ffi.function}, {@code ffi.module})
 * and the isolate's {@code process.pid}. Plain data: the isolate needs no tracing bundle.
 */
final class IsolateSpan {

    /** {@code 00-<trace id>-<parent span id>-<flags>}, lower-case hex; another version or form is ignored. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final long PID = ProcessHandle.current().pid();
    // the names of the tracing bundle's TraceAttributes (this bundle does not import its package)
    private static final String LANGUAGE = "ffi.language";
    private static final String BRIDGE = "ffi.bridge";
    private static final String FUNCTION = "ffi.function";
    private static final String MODULE = "ffi.module";

    private final Trace trace;
    private final String name;
    private final Map<String, JsonElement> attributes = new LinkedHashMap<>();
    private final long startEpochNanos;
    private final long startNanos = System.nanoTime();
    private String error;

    private IsolateSpan(Trace trace, String name, long startEpochNanos) {
        this.trace = trace;
        this.name = name;
        this.startEpochNanos = startEpochNanos;
    }

    /**
     * Starts the span of a request, or returns null when it carries no trace, or one that is not a
     * W3C {@code traceparent} of version 00 (no span then, as the protocol says).
     *
     * @param method the protocol's method, {@code call} or {@code callBatch}
     * @param batchSize the number of calls of a {@code callBatch}; negative for a call
     */
    static IsolateSpan start(Trace trace, String method, String language, String bridge, String module,
                             String function, int batchSize) {
        if (trace == null || trace.traceparent() == null || !TRACEPARENT.matcher(trace.traceparent()).matches()) {
            return null;
        }
        Instant now = Instant.now();
        IsolateSpan span = new IsolateSpan(trace, "isolate " + bridge + " " + function,
            now.getEpochSecond() * 1_000_000_000L + now.getNano());
        span.attribute(LANGUAGE, language);
        span.attribute(BRIDGE, bridge);
        span.attribute(FUNCTION, function);
        span.attribute(MODULE, module);
        span.attribute("rpc.method", method);
        span.attributes.put("process.pid", new JsonPrimitive(PID));
        if (batchSize >= 0) {
            span.attributes.put("batch.size", new JsonPrimitive(batchSize));
        }
        return span;
    }

    private void attribute(String key, String value) {
        if (value != null) {
            attributes.put(key, new JsonPrimitive(value));
        }
    }

    /** Marks the span failed: the protocol's {@code error}, {@code TYPE: message}. */
    void failed(Throwable e) {
        error = e instanceof ForeignException foreign && foreign.foreignType() != null
            ? foreign.foreignType() + ": " + foreign.foreignMessage() : String.valueOf(e);
    }

    /** Ends the span now: the {@code $/spans} item. */
    WorkerSpan end() {
        long end = startEpochNanos + (System.nanoTime() - startNanos);
        return new WorkerSpan(trace.traceparent().substring(3, 35), spanId(), trace.spanId(), name, startEpochNanos,
            end, Map.copyOf(attributes), error);
    }

    /** A random span id, never all zeros (W3C: invalid). */
    private static String spanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }

}
