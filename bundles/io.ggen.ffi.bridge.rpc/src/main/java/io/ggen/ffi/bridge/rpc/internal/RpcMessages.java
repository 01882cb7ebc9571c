package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.FunctionSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;

/**
 * Protocol 1 (docs/rpc-protocol.md): its methods, their parameters and results as lsp4j reads and
 * writes them, and its error codes.
 */
final class RpcMessages {

    static final int PROTOCOL_VERSION = 1;

    static final int FUNCTION_FAILED = -32000;
    static final int VERSION_NOT_SUPPORTED = -32002;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int CANCELLED = -32800;

    static final String INITIALIZE = "initialize";
    static final String CALL = "call";
    static final String CALL_BATCH = "callBatch";
    static final String RELEASE = "release";
    /** Isolate hosts only: calls a member of a handle (a guest object of the isolate's bridge). */
    static final String INVOKE = "invoke";
    static final String SHUTDOWN = "shutdown";
    static final String EXIT = "exit";
    /** From the worker, before a traced call's answer: the spans it recorded for it. */
    static final String SPANS = "$/spans";

    private RpcMessages() {
    }

    /** The methods the platform sends, with the types lsp4j gives their results. */
    static Map<String, JsonRpcMethod> methods() {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
        methods.put(INITIALIZE, JsonRpcMethod.request(INITIALIZE, JsonObject.class, InitializeParams.class));
        methods.put(CALL, JsonRpcMethod.request(CALL, ForeignValue.class, CallParams.class));
        methods.put(CALL_BATCH, JsonRpcMethod.request(CALL_BATCH, new TypeToken<List<BatchItem>>() { }.getType(),
            BatchParams.class));
        methods.put(RELEASE, JsonRpcMethod.request(RELEASE, JsonElement.class, ReleaseParams.class));
        methods.put(INVOKE, JsonRpcMethod.request(INVOKE, ForeignValue.class, InvokeParams.class));
        methods.put(SHUTDOWN, JsonRpcMethod.request(SHUTDOWN, JsonElement.class));
        methods.put(EXIT, JsonRpcMethod.notification(EXIT));
        methods.put(SPANS, JsonRpcMethod.notification(SPANS, SpansParams.class));
        return methods;
    }

    /**
     * Parameters of a request whose JSON-RPC id the session notes when it sends it (transient:
     * not part of the message), so that it can tell later whether the worker answered.
     */
    abstract static class Tracked {
        transient volatile String requestId;
    }

    static final class InitializeParams extends Tracked {
        final int protocolVersion = PROTOCOL_VERSION;
        /** For an isolate host only: the module it is to load; absent for worker programs. */
        final ModuleParams module;

        InitializeParams(ModuleParams module) {
            this.module = module;
        }
    }

    /**
     * The module an isolate host loads ({@code initialize}'s {@code module} member): what a
     * {@code ModuleSpec} holds, and the bridge to load it with.
     */
    record ModuleParams(String language, String bridge, String kind, String source, Map<String, String> options) {
        ModuleParams {
            options = Map.copyOf(options);
        }
    }

    static final class CallParams extends Tracked {
        final String function;
        final List<ForeignValue> args;
        /** The caller's trace; null (left out) when the call is not traced. */
        final Trace trace;

        CallParams(String function, List<ForeignValue> args, Trace trace) {
            this.function = function;
            this.args = args;
            this.trace = trace;
        }
    }

    static final class BatchParams extends Tracked {
        final String function;
        final List<List<ForeignValue>> argsList;
        final Trace trace;

        BatchParams(String function, List<List<ForeignValue>> argsList, Trace trace) {
            this.function = function;
            this.argsList = argsList;
            this.trace = trace;
        }
    }

    /** A call's {@code trace} member: W3C trace context; {@code tracestate} null when empty. */
    record Trace(String traceparent, String tracestate) {

        /** The caller's span id: {@code 00-<32 hex trace id>-<16 hex span id>-<flags>}. */
        String spanId() {
            return traceparent.substring(36, 52);
        }
    }

    /** {@code $/spans}: the request's id and the spans the worker recorded for it. */
    record SpansParams(JsonElement id, List<WorkerSpan> spans) {
    }

    /** One span of a worker: ids in hex, times in nanoseconds since the epoch, error absent when it worked. */
    record WorkerSpan(String traceId, String spanId, String parentSpanId, String name, long start, long end,
                      Map<String, JsonElement> attributes, String error) {
    }

    static final class ReleaseParams extends Tracked {
        final List<String> handles;

        ReleaseParams(List<String> handles) {
            this.handles = handles;
        }
    }

    static final class InvokeParams extends Tracked {
        final String handle;
        final String member;
        final List<ForeignValue> args;

        InvokeParams(String handle, String member, List<ForeignValue> args) {
            this.handle = handle;
            this.member = member;
            this.args = args;
        }
    }

    /** One item of a {@code callBatch} result: {@code {"value": v}} or {@code {"error": {...}}}. */
    static final class BatchItem {
        ForeignValue value;
        JsonObject error;

        BatchItem() {
        }
    }

    /**
     * A function as {@code initialize} describes it; params and returns are informational.
     *
     * @param params its parameter names, or null when the worker gave none
     * @param signature its {@code signature} member, or null when the worker gave none
     */
    record FunctionInfo(String name, List<String> params, String returns, FunctionSignature signature) {

        /** The signature it told, else one from its parameter names; null when it told neither. */
        FunctionSignature toSignature() {
            return signature != null ? signature : params != null ? RpcSignatures.fromNames(name, params) : null;
        }

        @Override
        public String toString() {
            return name + "(" + String.join(", ", params == null ? List.of() : params) + ") -> " + returns;
        }
    }

    /** What {@code initialize} answered. */
    record WorkerInfo(int protocolVersion, String name, String language, Map<String, FunctionInfo> functions) {

        /**
         * @throws IllegalArgumentException the answer lacks what protocol 1 requires
         */
        static WorkerInfo parse(JsonObject result) {
            if (result == null || !result.has("protocolVersion") || !result.get("protocolVersion").isJsonPrimitive()) {
                throw new IllegalArgumentException("its answer to initialize has no protocolVersion: " + result);
            }
            int version = result.get("protocolVersion").getAsInt();
            Map<String, FunctionInfo> functions = new LinkedHashMap<>();
            JsonElement list = result.get("functions");
            if (list != null && list.isJsonArray()) {
                for (JsonElement f : list.getAsJsonArray()) {
                    FunctionInfo info = function(f);
                    if (info != null) {
                        functions.put(info.name(), info);
                    }
                }
            }
            return new WorkerInfo(version, text(result.get("name"), "worker"), text(result.get("language"), null),
                functions);
        }

        private static FunctionInfo function(JsonElement element) {
            if (element.isJsonPrimitive()) {
                return new FunctionInfo(element.getAsString(), null, "any", null);
            }
            if (!element.isJsonObject() || text(element.getAsJsonObject().get("name"), null) == null) {
                return null;
            }
            JsonObject f = element.getAsJsonObject();
            List<String> params = null;
            if (f.get("params") instanceof JsonArray array) {
                List<String> names = new ArrayList<>();
                array.forEach(p -> names.add(p.isJsonPrimitive() ? p.getAsString() : p.toString()));
                params = List.copyOf(names);
            }
            String name = text(f.get("name"), null);
            return new FunctionInfo(name, params, text(f.get("returns"), "any"), RpcSignatures.parse(name, f.get("signature")));
        }

        private static String text(JsonElement element, String otherwise) {
            return element != null && element.isJsonPrimitive() ? element.getAsString() : otherwise;
        }

        /** The names of its functions, comma-separated, for messages. */
        String functionList() {
            return functions.isEmpty() ? "(none)" : String.join(", ", functions.keySet());
        }
    }
}
