package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.BatchParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.CallParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.ReleaseParams;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.osgi.service.log.Logger;

/**
 * One session with one worker process (or TCP connection): lsp4j's {@link RemoteEndpoint} over
 * bounded LSP frames, many calls at once (lsp4j numbers the requests). Where it is in its life is
 * one {@link SessionState}, replaced whole. When the worker ends or breaks the framing, every call
 * in flight fails and the session is not used again: it tells its {@link Listener} (its
 * {@link WorkerSlot}), which starts a new one.
 *
 * <p>It drives its calls: it sends the request, then hands the answer and what the messages need
 * to a {@link WorkerCall}, which waits for it on the caller's thread and never calls back.
 */
final class WorkerSession {

    /** What a session tells the slot that holds it. */
    interface Listener {

        /** A call got an answer (an error the worker reported included): the worker works. */
        void answered();

        /** The session broke on its own (it was not closed): the slot counts the failure, once. */
        void broke(WorkerSession session);
    }

    private final WorkerSettings settings;
    private final WorkerTransport transport;
    private final Logger logger;
    private final Listener listener;
    private final RemoteEndpoint endpoint;
    private final BoundedMessageProducer producer;
    private final BoundedMessageConsumer frames;
    private final PendingRequests requests = new PendingRequests();
    /** Its life: starting, ready, closing, broken or closed, with what the worker said and why it ended. */
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.STARTING);
    /** Completed with the reason once the reader has seen the end and failed the calls in flight. */
    private final CompletableFuture<String> end = new CompletableFuture<>();
    /** Calls in progress, for the pool's choice of the least busy worker. */
    private final AtomicInteger busy = new AtomicInteger();
    /** Requests answered or failed (a batch is one), for management. */
    private final LongAdder calls = new LongAdder();
    private final Instant started = Instant.now();

    private WorkerSession(WorkerSettings settings, WorkerTransport transport, Logger logger, Listener listener) {
        this.settings = settings;
        this.transport = transport;
        this.logger = logger;
        this.listener = listener;
        MessageJsonHandler json = new MessageJsonHandler(RpcMessages.methods(), gson -> gson
            .registerTypeHierarchyAdapter(ForeignValue.class, new ForeignValueTypeAdapter(this::handleId, this::newHandle)));
        this.frames = new BoundedMessageConsumer(transport.output(), json, settings.maxMessageSize(), this::kill);
        this.endpoint = new RemoteEndpoint(requests.sending(frames), new NoLocalMethods(settings.name(), logger));
        endpoint.setJsonHandler(json);
        json.setMethodProvider(endpoint);
        this.producer = new BoundedMessageProducer(transport.input(), json, endpoint, settings.maxMessageSize(),
            this::endWith);
    }

    /** Opens the session over the transport and starts reading; call {@link #initialize} next. */
    static WorkerSession open(WorkerSettings settings, WorkerTransport transport, Logger logger, Listener listener) {
        WorkerSession session = new WorkerSession(settings, transport, logger, listener);
        Thread.ofPlatform().daemon().name("ggen-rpc " + settings.name() + " " + transport).start(session::read);
        return session;
    }

    private void read() {
        try {
            producer.listen(requests.receiving(endpoint));
        } catch (RuntimeException e) {
            endWith("broke the connection: " + e.getMessage());
        } finally {
            ended();
        }
    }

    /** The stream ended or broke: find out how, make sure nothing is left running, fail the calls in flight. */
    private void ended() {
        if (state.get().reason() == null) {
            endWith(transport.ending(Duration.ofSeconds(2)).orElse("closed its output but kept running"));
        }
        transport.terminate(settings.stopGrace());
        frames.close();
        SessionState last = state.get();
        requests.failAll(failure(last.reason()));
        end.complete(last.reason());
        if (last.phase() == SessionState.Phase.BROKEN) {   // not closed: unexpected
            String stderr = transport.recentStderr();
            logger.warn("Worker '{}' ({}) {}; it is started again for the next call{}", settings.name(), transport,
                last.reason(), stderr.isEmpty() ? "" : ". Its last stderr lines: " + stderr);
            listener.broke(this);
        }
    }

    /** The session ends for this reason, unless it ended already (the first reason stays). */
    private void endWith(String reason) {
        state.updateAndGet(s -> s.ended(reason));
    }

    private WorkerFailure failure(String reason) {
        return new WorkerFailure(reason, transport.failureType(), transport::recentStderr, null);
    }

    String name() {
        return settings.name();
    }

    /** The language label of errors and handles: configured, else what the worker said. */
    String label() {
        WorkerInfo known = state.get().info();
        if (settings.language() != null) {
            return settings.language();
        }
        return known != null && known.language() != null ? known.language() : WorkerSettings.ANY_LANGUAGE;
    }

    boolean isUsable() {
        return state.get().isUsable();
    }

    /** Why it ended, or null while it has not. */
    String failure() {
        return state.get().reason();
    }

    /** Whether the caller is the first to count this session's failure (it broke, and nobody counted it yet). */
    boolean claimFailure() {
        return state.getAndUpdate(SessionState::failureCounted).failureToCount();
    }

    int busy() {
        return busy.get();
    }

    /** Its requests answered or failed so far (a batch counts once). */
    long calls() {
        return calls.sum();
    }

    /** When it was opened (its process started or its connection was made). */
    Instant started() {
        return started;
    }

    Optional<ProcessHandle> process() {
        return transport instanceof ProcessTransport p ? Optional.of(p.handle()) : Optional.empty();
    }

    /** The operating system's id of its process; -1 for a TCP session. */
    long pid() {
        return transport instanceof ProcessTransport p ? p.handle().pid() : -1;
    }

    /** Ends the session at once (kills the process tree); calls in flight fail with the reason. */
    void kill(String reason) {
        endWith(reason);
        transport.terminate(settings.stopGrace());
    }

    /**
     * Ends the session on request, to replace it: like {@link #kill}, calls in flight fail with the
     * reason, but its end is no failure of the worker (its slot counts none and waits no backoff).
     */
    void killForRestart(String reason) {
        state.updateAndGet(s -> s.ended(reason).failureCounted());
        transport.terminate(settings.stopGrace());
    }

    /** Waits up to {@code wait} for the reader to see the end; the reason, if the session ended. */
    private Optional<String> awaitEnd(Duration wait) {
        try {
            return Optional.of(end.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return Optional.ofNullable(failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(failure());
        }
    }

    /** Sends a request; its answer fails with a {@link WorkerFailure} if the session ends first. */
    private CompletableFuture<Object> send(String method, Object params) {
        CompletableFuture<Object> answer = requests.awaiting(endpoint.request(method, params));
        SessionState now = state.get();
        if (now.hasEnded()) {
            answer.completeExceptionally(failure(now.reason())); // ended() may have run before it was noted
        }
        return answer;
    }

    /** Sends {@code initialize} and checks the answer; the session is ready after it. */
    WorkerInfo initialize() {
        WorkerHandshake handshake = new WorkerHandshake(settings, label(), this::kill, transport::recentStderr);
        WorkerInfo info = handshake.await(send(RpcMessages.INITIALIZE, WorkerHandshake.params(settings)));
        state.updateAndGet(s -> s.ready(info));
        return info;
    }

    ForeignValue call(String function, List<ForeignValue> args, CallContext context) {
        return reported(() -> WorkerResults.value(
            traced(trace -> request(RpcMessages.CALL, new CallParams(function, args, trace), function, context)), function));
    }

    List<BatchResult> callBatch(String function, List<List<ForeignValue>> argsList, CallContext context) {
        return reported(() -> WorkerResults.batch(
            traced(trace -> request(RpcMessages.CALL_BATCH, new BatchParams(function, argsList, trace), function, context)),
            argsList.size(), function, worker()));
    }

    /** Sends a request with the caller's trace, if it is traced; the worker's spans come back before its answer. */
    private static Object traced(java.util.function.Function<RpcMessages.Trace, Object> request) {
        WorkerTraces traces = WorkerTraces.installed();
        RpcMessages.Trace trace = traces.outgoing();
        try {
            return request.apply(trace);
        } finally {
            traces.done(trace);
        }
    }

    /** Calls a member of an isolate's handle ({@code invoke}, isolate hosts only). */
    ForeignValue invoke(String handle, String member, List<ForeignValue> args) {
        Object result = request(RpcMessages.INVOKE, new RpcMessages.InvokeParams(handle, member, args), member, null);
        return result instanceof ForeignValue v ? v : ForeignValue.NULL;
    }

    /** Whether the worker is an isolate host (which serves {@code invoke} on handles). */
    boolean isIsolate() {
        return settings.isolate() != null;
    }

    /** Tells the listener when the worker answered the call: with a result, or an error of its own. */
    private <T> T reported(Supplier<T> call) {
        try {
            T result = call.get();
            listener.answered();
            return result;
        } catch (ForeignException e) {
            if (!RpcErrors.WORKER_FAILURE.equals(e.foreignType()) && isUsable()) {
                listener.answered();
            }
            throw e;
        }
    }

    /** Sends one call's request and waits for its answer with a {@link WorkerCall}. */
    private Object request(String method, RpcMessages.Tracked params, String function, CallContext context) {
        busy.incrementAndGet();
        try {
            return new WorkerCall(worker(), function, context).await(sent(method, params, function));
        } finally {
            busy.decrementAndGet();
            calls.increment();
        }
    }

    /** The worker as a call's messages name it. */
    private WorkerCall.Worker worker() {
        return new WorkerCall.Worker(label(), name(), state.get().info(), isIsolate(), settings.callTimeout());
    }

    /** Sends a call's request; one whose message cannot be written fails with how the session ended. */
    private WorkerCall.Sent sent(String method, RpcMessages.Tracked params, String function) {
        CompletableFuture<Object> answer = send(method, params);
        if (answer.state() == Future.State.FAILED && answer.exceptionNow() instanceof JsonRpcException j) {
            // the worker's input cannot be written: say how the session ended, once the reader has seen it
            String reason = awaitEnd(Duration.ofSeconds(2)).orElse("cannot be written to (" + j.getMessage() + ")");
            return new WorkerCall.Sent(CompletableFuture.failedFuture(new WorkerFailure(reason, RpcErrors.WORKER_FAILURE,
                transport::recentStderr, j)), () -> { });
        }
        return new WorkerCall.Sent(answer, () -> cancel(answer, params, function));
    }

    /**
     * Cancels a call's request: lsp4j sends {@code $/cancelRequest} and the waiting caller fails at
     * once. If the worker has not answered the request when the grace is over, it is stuck: kill
     * it (the next call starts a new one).
     */
    private void cancel(CompletableFuture<Object> answer, RpcMessages.Tracked params, String function) {
        if (!answer.cancel(true)) {
            return;
        }
        Duration grace = settings.cancelGrace();
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (isUsable() && requests.isUnanswered(params.requestId)) {
                kill("did not end the cancelled call to " + function + " within " + Durations.format(grace)
                    + " and was killed");
            }
        });
    }

    private WorkerHandle newHandle(String id) {
        return new WorkerHandle(this, id, label(), logger);
    }

    /** The id of a handle in arguments: only this session's live handles can be sent to it. */
    private String handleId(ForeignHandle handle) {
        if (handle instanceof WorkerHandle w && w.session() == this) {
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
     * A TCP session is just closed. Idempotent.
     */
    void close() {
        SessionState before = state.getAndUpdate(SessionState::closing);
        if (before.phase() == SessionState.Phase.CLOSING || before.phase() == SessionState.Phase.CLOSED) {
            return;
        }
        transport.rememberTree();
        // a TCP worker is a service others may use too: `exit` would stop it; closing the connection ends the session
        if (!state.get().hasEnded() && !settings.isTcp()) {
            long grace = settings.stopGrace().toMillis();
            try {
                send(RpcMessages.SHUTDOWN, null).get(grace, TimeUnit.MILLISECONDS);
                endpoint.notify(RpcMessages.EXIT, null);
                awaitEnd(settings.stopGrace());
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                logger.debug("Worker '{}' did not stop within {}: {}; killing it", name(),
                    Durations.format(settings.stopGrace()), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        endWith("was stopped");
        transport.terminate(settings.stopGrace());
    }

    @Override
    public String toString() {
        return "worker '" + name() + "' " + transport;
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
            if (parameter instanceof RpcMessages.SpansParams spans && spans.spans() != null) {
                WorkerTraces.installed().arrived(spans.spans());
                return;
            }
            logger.debug("Worker '{}' sent the notification {}, which the platform ignores", worker, method);
        }
    }
}
