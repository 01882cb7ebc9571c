package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonObject;
import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.BatchItem;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.BatchParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.CallParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.ReleaseParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.osgi.service.log.Logger;

/**
 * One session with one worker process (or TCP connection): lsp4j's {@link RemoteEndpoint} over
 * bounded LSP frames, many calls at once (lsp4j numbers the requests). It knows which requests the
 * worker has not answered, fails every call in flight when the worker ends or breaks the framing,
 * and is not used again after that: its {@link WorkerSlot} starts a new one.
 */
final class WorkerConnection {

    private final WorkerSettings settings;
    private final WorkerTransport transport;
    private final Logger logger;
    private final Consumer<WorkerConnection> onFailure;
    private final RemoteEndpoint endpoint;
    private final BoundedMessageProducer producer;
    private final BoundedMessageConsumer frames;
    private final MessageConsumer incoming;
    private final Set<CompletableFuture<Object>> inFlight = ConcurrentHashMap.newKeySet();
    /** Ids of requests sent and not answered yet. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger handlesMade = new AtomicInteger();
    /** Why the session ended; null while it is usable. */
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** Set by the first who counts this session's failure: the slot counts each failed session once. */
    private final AtomicBoolean failureCounted = new AtomicBoolean();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile WorkerInfo info;
    private volatile boolean closing;

    private WorkerConnection(WorkerSettings settings, WorkerTransport transport, Logger logger,
                             Consumer<WorkerConnection> onFailure) {
        this.settings = settings;
        this.transport = transport;
        this.logger = logger;
        this.onFailure = onFailure;
        MessageJsonHandler json = new MessageJsonHandler(RpcMessages.methods(), gson -> gson
            .registerTypeHierarchyAdapter(ForeignValue.class, new ForeignValueTypeAdapter(this::handleId, this::newHandle)));
        this.frames = new BoundedMessageConsumer(transport.output(), json, settings.maxMessageSize(), this::kill);
        MessageConsumer outgoing = message -> {
            if (message instanceof RequestMessage request) {
                unanswered.add(request.getId());
                if (request.getParams() instanceof RpcMessages.Tracked tracked) {
                    tracked.requestId = request.getId();
                }
            }
            frames.consume(message);
        };
        this.endpoint = new RemoteEndpoint(outgoing, new NoLocalMethods(settings.name(), logger));
        endpoint.setJsonHandler(json);
        json.setMethodProvider(endpoint);
        this.incoming = message -> {
            if (message instanceof ResponseMessage response && response.getId() != null) {
                unanswered.remove(response.getId());
            }
            endpoint.consume(message);
        };
        this.producer = new BoundedMessageProducer(transport.input(), json, endpoint, settings.maxMessageSize(),
            reason -> failure.compareAndSet(null, reason));
    }

    /** Opens the session over the transport and starts reading; call {@link #initialize} next. */
    static WorkerConnection open(WorkerSettings settings, WorkerTransport transport, Logger logger,
                                 Consumer<WorkerConnection> onFailure) {
        WorkerConnection connection = new WorkerConnection(settings, transport, logger, onFailure);
        Thread.ofPlatform().daemon().name("ggen-rpc " + settings.name() + " " + transport).start(connection::read);
        return connection;
    }

    private void read() {
        try {
            producer.listen(incoming);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, "broke the connection: " + e.getMessage());
        } finally {
            ended();
        }
    }

    /** The stream ended or broke: find out how, make sure nothing is left running, fail the calls in flight. */
    private void ended() {
        if (failure.get() == null) {
            failure.compareAndSet(null, transport.ending(Duration.ofSeconds(2))
                .orElse("closed its output but kept running"));
        }
        transport.terminate(settings.stopGrace());
        frames.close();
        String reason = failure.get();
        WorkerFailure error = new WorkerFailure(reason, transport.failureType());
        for (CompletableFuture<Object> call : inFlight) {
            call.completeExceptionally(error);
        }
        ended.complete(reason);
        if (!closing) {
            String stderr = transport.recentStderr();
            logger.warn("Worker '{}' ({}) {}; it is started again for the next call{}", settings.name(), transport,
                reason, stderr.isEmpty() ? "" : ". Its last stderr lines: " + stderr);
            onFailure.accept(this);
        }
    }

    String name() {
        return settings.name();
    }

    /** The language label of errors and handles: configured, else what the worker said. */
    String label() {
        WorkerInfo known = info;
        if (settings.language() != null) {
            return settings.language();
        }
        return known != null && known.language() != null ? known.language() : WorkerSettings.ANY_LANGUAGE;
    }

    WorkerInfo info() {
        return info;
    }

    boolean isUsable() {
        return failure.get() == null && !closing;
    }

    /** Why it is no longer usable, or null. */
    String failure() {
        return failure.get();
    }

    /** Whether the caller is the first to count this session's failure. */
    boolean claimFailure() {
        return failureCounted.compareAndSet(false, true);
    }

    int busy() {
        return busy.get();
    }

    Optional<ProcessHandle> process() {
        return transport instanceof ProcessTransport p ? Optional.of(p.handle()) : Optional.empty();
    }

    String recentStderr() {
        return transport.recentStderr();
    }

    /** Ends the session at once (kills the process tree); calls in flight fail with the reason. */
    void kill(String reason) {
        failure.compareAndSet(null, reason);
        transport.terminate(settings.stopGrace());
    }

    /** Waits up to {@code wait} for the session to end; its reason, if it did. */
    Optional<String> awaitEnd(Duration wait) {
        try {
            return Optional.of(ended.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return Optional.ofNullable(failure.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(failure.get());
        }
    }

    /** Sends a request; it fails with a {@link WorkerFailure} if the session ends first. */
    CompletableFuture<Object> send(String method, Object params) {
        CompletableFuture<Object> future = endpoint.request(method, params);
        inFlight.add(future);
        future.whenComplete((result, error) -> inFlight.remove(future));
        String reason = failure.get();
        if (reason != null) {
            future.completeExceptionally(new WorkerFailure(reason, transport.failureType())); // ended() may have run before the add
        }
        return future;
    }

    void notifyWorker(String method, Object params) {
        endpoint.notify(method, params);
    }

    /** Whether the worker has not answered the request (by its lsp4j id) yet. */
    boolean isUnanswered(String requestId) {
        return requestId != null && unanswered.contains(requestId);
    }

    /** Sends {@code initialize} and checks the answer; the session is usable after it. */
    WorkerInfo initialize() {
        this.info = new WorkerHandshake(this, settings).run();
        return info;
    }

    ForeignValue call(String function, List<ForeignValue> args, CallContext context) {
        int handles = handlesMade.get();
        Object result = new WorkerCall(this, settings, function, context).await(RpcMessages.CALL,
            new CallParams(function, args));
        ForeignValue value = result instanceof ForeignValue v ? v : ForeignValue.NULL;
        if (handlesMade.get() != handles) {
            noteHandles(value, function);
        }
        return value;
    }

    /** Calls a member of an isolate's handle ({@code invoke}, isolate hosts only). */
    ForeignValue invoke(String handle, String member, List<ForeignValue> args) {
        Object result = new WorkerCall(this, settings, member, null).await(RpcMessages.INVOKE,
            new RpcMessages.InvokeParams(handle, member, args));
        return result instanceof ForeignValue v ? v : ForeignValue.NULL;
    }

    /** Whether the worker is an isolate host (which serves {@code invoke} on handles). */
    boolean isIsolate() {
        return settings.isolate() != null;
    }

    List<BatchResult> callBatch(String function, List<List<ForeignValue>> argsList, CallContext context) {
        int handles = handlesMade.get();
        Object result = new WorkerCall(this, settings, function, context).await(RpcMessages.CALL_BATCH,
            new BatchParams(function, argsList));
        if (!(result instanceof List<?> items) || items.size() != argsList.size()) {
            throw new ForeignException(label(), RpcErrors.WORKER_FAILURE, "worker '" + name() + "' answered callBatch of "
                + function + " with " + (result instanceof List<?> l ? l.size() + " results for " + argsList.size()
                + " items" : "something that is not a list"));
        }
        String functions = functionList();
        List<BatchResult> results = new ArrayList<>(items.size());
        for (Object element : items) {
            BatchItem item = (BatchItem) element;
            if (item != null && item.error != null) {
                results.add(BatchResult.failure(RpcErrors.fromResponse(responseError(item.error), label(), name(),
                    function, functions)));
            } else {
                ForeignValue value = item == null || item.value == null ? ForeignValue.NULL : item.value;
                if (handlesMade.get() != handles) {
                    noteHandles(value, function);
                }
                results.add(BatchResult.success(value));
            }
        }
        return results;
    }

    private static ResponseError responseError(JsonObject error) {
        int code = error.has("code") && error.get("code").isJsonPrimitive() ? error.get("code").getAsInt()
            : RpcMessages.INTERNAL_ERROR;
        String message = error.has("message") && error.get("message").isJsonPrimitive()
            ? error.get("message").getAsString() : error.toString();
        return new ResponseError(code, message, error.get("data"));
    }

    String functionList() {
        WorkerInfo known = info;
        return known == null ? "(unknown)" : known.functionList();
    }

    void busy(int delta) {
        busy.addAndGet(delta);
    }

    /** Tells each handle in the value which function returned it (for leak reports). */
    private static void noteHandles(ForeignValue value, String function) {
        switch (value) {
            case ForeignValue.HandleValue h when h.handle() instanceof WorkerHandle w -> w.returnedBy(function);
            case ForeignValue.ListValue l -> l.values().forEach(v -> noteHandles(v, function));
            case ForeignValue.MapValue m -> m.entries().forEach((k, v) -> {
                noteHandles(k, function);
                noteHandles(v, function);
            });
            default -> { }
        }
    }

    private WorkerHandle newHandle(String id) {
        handlesMade.incrementAndGet();
        return new WorkerHandle(this, id, label(), logger);
    }

    /** The id of a handle in arguments: only this session's live handles can be sent to it. */
    private String handleId(ForeignHandle handle) {
        if (handle instanceof WorkerHandle w && w.connection() == this) {
            if (w.isReleased()) {
                throw new ForeignArgumentException(label(), "the handle " + w.id() + " was released");
            }
            return w.id();
        }
        throw new ForeignArgumentException(label(), handle + " does not live in this process of worker '" + name()
            + "': pass a handle only to the worker process that returned it");
    }

    /** Releases a handle and waits briefly for the answer; nothing to do when the session is gone. */
    void release(String id) {
        if (!isUsable()) {
            return; // the worker's objects went with its process
        }
        try {
            send(RpcMessages.RELEASE, new ReleaseParams(List.of(id))).get(settings.stopGrace().toMillis(),
                TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            logger.debug("Worker '{}' did not confirm the release of handle {}: {}", name(), id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases a handle without waiting (the Cleaner's thread must not block). */
    void releaseLater(String id) {
        if (isUsable()) {
            send(RpcMessages.RELEASE, new ReleaseParams(List.of(id))).whenComplete((r, e) -> {
                if (e != null) {
                    logger.debug("Worker '{}' did not confirm the release of handle {}: {}", name(), id, e.toString());
                }
            });
        }
    }

    /**
     * Stops the worker politely: {@code shutdown} (it finishes its calls), {@code exit}, then waits
     * for the process to end; kills its process tree when any step takes longer than the grace.
     * A TCP session is just closed.
     */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        transport.rememberTree();
        // a TCP worker is a service others may use too: `exit` would stop it; closing the connection ends the session
        if (failure.get() == null && !settings.isTcp()) {
            long grace = settings.stopGrace().toMillis();
            try {
                send(RpcMessages.SHUTDOWN, null).get(grace, TimeUnit.MILLISECONDS);
                notifyWorker(RpcMessages.EXIT, null);
                awaitEnd(settings.stopGrace());
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                logger.debug("Worker '{}' did not stop within {}: {}; killing it", name(),
                    Durations.format(settings.stopGrace()), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failure.compareAndSet(null, "was stopped");
        transport.terminate(settings.stopGrace());
    }

    @Override
    public String toString() {
        return "worker '" + name() + "' " + transport;
    }

    /** The session ended under a request; the reason reads after the worker's name. */
    static final class WorkerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String type;

        WorkerFailure(String reason, String type) {
            super(reason, null, false, false);
            this.type = type;
        }

        /** The foreign type of the calls it fails (see {@link WorkerTransport#failureType()}). */
        String type() {
            return type;
        }
    }

    /** The platform serves no methods to workers: requests get -32601, notifications are logged. */
    private record NoLocalMethods(String worker, Logger logger) implements Endpoint {
        @Override
        public CompletableFuture<?> request(String method, Object parameter) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                RpcMessages.METHOD_NOT_FOUND, "the platform serves no requests (" + method + ")", null)));
        }

        @Override
        public void notify(String method, Object parameter) {
            logger.debug("Worker '{}' sent the notification {}, which the platform ignores", worker, method);
        }
    }
}
