package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.osgi.service.log.Logger;

/**
 * One isolate's protocol-1 session, the server side of what {@link WorkerSession} speaks:
 * {@code initialize} loads the module through the bridge, {@code call} and {@code callBatch} run
 * on threads of their own (a cancel request cancels the bridge's call context), results' handles
 * are kept under ids until {@code release}, and errors carry the bridge's foreign type, message
 * and frames. A call that carries the caller's trace gets a span of the isolate's, sent back
 * ({@code $/spans}) before its answer ({@link IsolateSpan}).
 */
final class IsolateSession implements Endpoint {

    private final BiFunction<String, String, ForeignBridge> bridges;
    private final Logger logger;
    private final BoundedMessageConsumer frames;
    private final BoundedMessageProducer producer;
    private final RemoteEndpoint endpoint;
    private final ExecutorService calls = Executors.newCachedThreadPool(
        Thread.ofPlatform().daemon().name("ggen-isolate-call-", 0).factory());
    private final Map<String, ForeignHandle> handles = new ConcurrentHashMap<>();
    private final Map<ForeignHandle, String> handleIds = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong();
    private final Map<String, GuestFunction> functions = new ConcurrentHashMap<>();
    private volatile GuestModule module;
    private volatile String language = "isolate";
    /** The bridge and the module as the caller's spans name them, once loaded. */
    private volatile String bridgeName;
    private volatile String description;

    /** @param bridges the bridge by language and name, waited for while its bundle starts */
    IsolateSession(BiFunction<String, String, ForeignBridge> bridges, InputStream input, OutputStream output,
                   Logger logger) {
        this.bridges = bridges;
        this.logger = logger;
        int limit = WorkerDefaults.STANDARD.maxMessageSize();
        MessageJsonHandler json = new MessageJsonHandler(RpcMessages.methods(), gson -> gson
            .registerTypeHierarchyAdapter(ForeignValue.class, new ForeignValueTypeAdapter(this::handleId, this::handle)));
        this.frames = new BoundedMessageConsumer(output, json, limit, reason -> halt("cannot write a frame: " + reason));
        this.endpoint = new RemoteEndpoint(frames, this);
        json.setMethodProvider(endpoint);
        this.producer = new BoundedMessageProducer(input, json, endpoint, limit,
            reason -> halt("the platform " + reason));
    }

    /** Reads requests until stdin closes (the platform ended or let the isolate go). */
    void serve() {
        producer.listen(message -> {
            if (message instanceof RequestMessage request && request.getParams() instanceof RpcMessages.Tracked tracked) {
                tracked.requestId = request.getId();   // for the $/spans of a traced call
            }
            endpoint.consume(message);
        });
    }

    @Override
    public CompletableFuture<?> request(String method, Object parameter) {
        return switch (method) {
            case RpcMessages.INITIALIZE -> run(() -> initialize((RpcMessages.InitializeParams) parameter), null);
            case RpcMessages.CALL -> {
                RpcMessages.CallParams call = (RpcMessages.CallParams) parameter;
                yield callAsync(context -> traced(call, call.trace, call.function, -1,
                    () -> function(call.function).call(call.args, context)));
            }
            case RpcMessages.CALL_BATCH -> {
                RpcMessages.BatchParams batch = (RpcMessages.BatchParams) parameter;
                yield callAsync(context -> traced(batch, batch.trace, batch.function, batch.argsList.size(),
                    () -> items(function(batch.function).callBatch(batch.argsList, context))));
            }
            case RpcMessages.INVOKE -> {
                RpcMessages.InvokeParams invoke = (RpcMessages.InvokeParams) parameter;
                yield callAsync(context -> handle(invoke.handle).invoke(invoke.member, invoke.args));
            }
            case RpcMessages.RELEASE -> {
                ((RpcMessages.ReleaseParams) parameter).handles.forEach(this::release);
                yield CompletableFuture.completedFuture(null);
            }
            case RpcMessages.SHUTDOWN -> {
                closeModule();
                yield CompletableFuture.completedFuture(null);
            }
            default -> CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                RpcMessages.METHOD_NOT_FOUND, "an isolate serves no method " + method, null)));
        };
    }

    @Override
    public void notify(String method, Object parameter) {
        if (RpcMessages.EXIT.equals(method)) {
            closeModule();
            halt(null);
        }
    }

    private JsonObject initialize(RpcMessages.InitializeParams params) {
        RpcMessages.ModuleParams wanted = params == null ? null : params.module;
        if (wanted == null) {
            throw new ForeignArgumentException(language, "an isolate is told which module to load in initialize's"
                + " member 'module'");
        }
        language = wanted.language();
        ForeignBridge bridge = bridges.apply(wanted.language(), wanted.bridge());
        ModuleSpec spec = IsolateHost.spec(wanted);
        bridgeName = wanted.bridge();
        description = spec.describe();
        GuestModule loaded = bridge.load(spec, new HostCall());
        module = loaded;
        JsonObject answer = new JsonObject();
        answer.addProperty("protocolVersion", RpcMessages.PROTOCOL_VERSION);
        answer.addProperty("name", wanted.bridge() + " isolate (process " + ProcessHandle.current().pid() + ")");
        answer.addProperty("language", wanted.language());
        // each function with the module's own signature where it tells one, so an isolated module tells what it would in process
        Map<String, FunctionSignature> signatures = new LinkedHashMap<>();
        loaded.signatures().forEach(signature -> signatures.put(signature.name(), signature));
        JsonArray functions = new JsonArray();
        for (String name : loaded.functions()) {
            FunctionSignature signature = signatures.remove(name);
            if (signature == null) {
                functions.add(name);
            } else {
                functions.add(described(signature));
            }
        }
        signatures.values().forEach(signature -> functions.add(described(signature)));
        answer.add("functions", functions);
        return answer;
    }

    private static JsonObject described(FunctionSignature signature) {
        JsonObject function = new JsonObject();
        function.addProperty("name", signature.name());
        JsonArray params = new JsonArray();
        signature.parameters().forEach(parameter -> params.add(parameter.name()));
        function.add("params", params);
        function.addProperty("returns", signature.result());
        function.add("signature", RpcSignatures.toJson(signature));
        return function;
    }

    /**
     * Runs a request; when it carries the caller's trace, records the isolate's span for it and
     * sends it ({@code $/spans}) before the answer. Without a trace, nothing more than the work.
     */
    private <T> T traced(RpcMessages.Tracked request, RpcMessages.Trace trace, String function, int batchSize,
                         Supplier<T> work) {
        IsolateSpan span = trace == null ? null : IsolateSpan.start(trace, batchSize < 0 ? RpcMessages.CALL
            : RpcMessages.CALL_BATCH, language, bridgeName, description, function, batchSize);
        if (span == null) {
            return work.get();
        }
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.failed(e);
            throw e;
        } finally {
            endpoint.notify(RpcMessages.SPANS, new RpcMessages.SpansParams(id(request.requestId), List.of(span.end())));
        }
    }

    /** A request's id as it came: a number, or else a string. */
    private static JsonElement id(String id) {
        if (id == null) {
            return JsonNull.INSTANCE;
        }
        try {
            return new JsonPrimitive(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return new JsonPrimitive(id);   // the platform's ids are numbers; a string id is kept as it came
        }
    }

    private GuestFunction function(String name) {
        GuestModule loaded = module;
        if (loaded == null) {
            throw new ForeignArgumentException(language, "the isolate has loaded no module yet");
        }
        return functions.computeIfAbsent(name, loaded::function);
    }

    private static List<RpcMessages.BatchItem> items(List<BatchResult> results) {
        List<RpcMessages.BatchItem> items = new ArrayList<>(results.size());
        for (BatchResult result : results) {
            RpcMessages.BatchItem item = new RpcMessages.BatchItem();
            if (!result.isError()) {
                item.value = result.value();
            } else {
                ResponseError error = error(result.error());
                JsonObject json = new JsonObject();
                json.addProperty("code", error.getCode());
                json.addProperty("message", error.getMessage());
                if (error.getData() instanceof JsonObject data) {
                    json.add("data", data);
                }
                item.error = json;
            }
            items.add(item);
        }
        return items;
    }

    /** A call on a thread of its own; a cancel request cancels its context (the bridge's onCancel actions). */
    private <T> CompletableFuture<T> callAsync(java.util.function.Function<CallContext, T> call) {
        HostCall context = new HostCall();
        return run(() -> call.apply(context), context);
    }

    private <T> CompletableFuture<T> run(Supplier<T> work, HostCall context) {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                if (context != null) {
                    context.cancel();
                }
                return super.cancel(mayInterruptIfRunning);
            }
        };
        calls.execute(() -> {
            try {
                future.complete(work.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(new ResponseErrorException(error(e)));
            } catch (StackOverflowError e) {
                future.completeExceptionally(new ResponseErrorException(error(new ForeignException(language,
                    "StackOverflowError", "the call overflowed the isolate's thread stack"))));
            }
        });
        return future;
    }

    /** The protocol's error for what the bridge threw: its type, message and frames (innermost last). */
    private static ResponseError error(RuntimeException e) {
        int code = switch (e) {
            case NoSuchFunctionException n -> RpcMessages.METHOD_NOT_FOUND;
            case ForeignArgumentException a -> RpcMessages.INVALID_PARAMS;
            case ForeignCancellationException c -> RpcMessages.CANCELLED;
            default -> RpcMessages.FUNCTION_FAILED;
        };
        if (!(e instanceof ForeignException foreign)) {
            return new ResponseError(RpcMessages.FUNCTION_FAILED, String.valueOf(e), data(e.getClass().getName(),
                String.valueOf(e.getMessage()), List.of()));
        }
        return new ResponseError(code, foreign.getMessage(), data(foreign.foreignType(), foreign.foreignMessage(),
            foreign.foreignFrames()));
    }

    private static JsonObject data(String type, String message, List<ForeignFrame> frames) {
        JsonObject data = new JsonObject();
        data.addProperty("type", type);
        data.addProperty("message", message);
        JsonArray traceback = new JsonArray();
        for (ForeignFrame frame : frames.reversed()) {
            traceback.add(frame.source() == null ? frame.function() : frame.source() + ":" + frame.line()
                + (frame.column() >= 0 ? ":" + frame.column() : "") + " in " + frame.function());
        }
        data.add("traceback", traceback);
        return data;
    }

    private String handleId(ForeignHandle handle) {
        return handleIds.computeIfAbsent(handle, h -> {
            String id = "isolate-" + nextHandle.incrementAndGet();
            handles.put(id, h);
            return id;
        });
    }

    private ForeignHandle handle(String id) {
        ForeignHandle handle = handles.get(id);
        if (handle == null) {
            throw new ForeignArgumentException(language, "the isolate has no handle " + id + " (released?)");
        }
        return handle;
    }

    private void release(String id) {
        ForeignHandle handle = handles.remove(id);
        if (handle != null) {
            handleIds.remove(handle);
            handle.release();
        }
    }

    private void closeModule() {
        GuestModule loaded = module;
        module = null;
        if (loaded != null) {
            handles.keySet().forEach(this::release);
            loaded.close();
        }
    }

    private void halt(String why) {
        if (why != null) {
            logger.error("isolate ends: {}", why);
        }
        System.err.flush();
        Runtime.getRuntime().halt(why == null ? 0 : 1);
    }

    /** A call's context in the isolate: cancellable by the platform's cancel request. */
    private static final class HostCall implements CallContext {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean cancelled;

        @Override
        public CallOptions options() {
            return CallOptions.DEFAULT;
        }

        @Override
        public boolean isCancellable() {
            return true;
        }

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            synchronized (this) {
                if (!cancelled) {
                    actions.add(action);
                    return;
                }
            }
            action.run();
        }

        void cancel() {
            List<Runnable> run;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                run = List.copyOf(actions);
            }
            run.forEach(Runnable::run);
        }
    }
}
