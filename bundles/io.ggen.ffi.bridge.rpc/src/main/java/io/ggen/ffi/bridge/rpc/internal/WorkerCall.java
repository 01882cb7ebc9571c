package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.bridge.rpc.internal.BoundedMessageConsumer.MessageTooLargeException;
import io.ggen.ffi.bridge.rpc.internal.WorkerConnection.WorkerFailure;
import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * One request on the calling thread: waits for the answer, cancels it when the call context is
 * cancelled or the configured call timeout passes ({@code $/cancelRequest} through lsp4j; the call
 * fails at once), kills the worker when it does not end a cancelled call within the grace, and
 * turns what went wrong into the platform's exceptions.
 */
final class WorkerCall {

    private final WorkerConnection connection;
    private final WorkerSettings settings;
    private final String function;
    private final CallContext context;

    WorkerCall(WorkerConnection connection, WorkerSettings settings, String function, CallContext context) {
        this.connection = connection;
        this.settings = settings;
        this.function = function;
        this.context = context;
    }

    Object await(String method, RpcMessages.Tracked params) {
        connection.busy(1);
        try {
            CompletableFuture<Object> future = connection.send(method, params);
            if (context != null && context.isCancellable()) {
                context.onCancel(() -> cancel(future, params));
            }
            // the configured call timeout is for calls whose caller gives none: the caller's own timeout wins
            Duration limit = context != null && context.options().timeout().isPresent() ? Duration.ZERO : settings.callTimeout();
            try {
                return limit.isZero() ? future.get() : future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                cancel(future, params);
                throw new ForeignTimeoutException(connection.label(), "the call to " + function + " in worker '"
                    + connection.name() + "' ran past its call timeout of " + Durations.format(limit)
                    + " and was cancelled", e);
            } catch (CancellationException e) {
                throw new ForeignCancellationException(connection.label(), "the call to " + function
                    + " in worker '" + connection.name() + "' was cancelled", e);
            } catch (ExecutionException e) {
                throw translate(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(future, params);
                throw new ForeignCancellationException(connection.label(), "the call to " + function
                    + " in worker '" + connection.name() + "' was interrupted", e);
            }
        } finally {
            connection.busy(-1);
        }
    }

    /**
     * Cancels the request: lsp4j sends {@code $/cancelRequest} and the waiting caller fails at
     * once. If the worker has not answered the request when the grace is over, it is stuck: kill
     * it (the next call starts a new one).
     */
    private void cancel(CompletableFuture<Object> future, RpcMessages.Tracked params) {
        if (!future.cancel(true)) {
            return;
        }
        Duration grace = settings.cancelGrace();
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (connection.isUsable() && connection.isUnanswered(params.requestId)) {
                connection.kill("did not end the cancelled call to " + function + " within "
                    + Durations.format(grace) + " and was killed");
            }
        });
    }

    private ForeignException translate(Throwable cause) {
        String label = connection.label();
        String worker = "worker '" + connection.name() + "'";
        return switch (cause) {
            case ResponseErrorException r -> RpcErrors.fromResponse(r.getResponseError(), label, connection.name(),
                function, connection.functionList());
            case WorkerFailure w -> failed(w.getMessage(), w.type(), w);
            case ForeignException f -> f;
            case MessageTooLargeException m -> new ForeignArgumentException(label, "cannot call " + function + " in "
                + worker + ": " + m.getMessage() + " (the limit is the setting max.message.size)", m);
            case MessageIssueException m -> new ForeignException(label, RpcErrors.WORKER_FAILURE, worker
                + " answered the call to " + function + " with a message that cannot be read: "
                + issues(m), List.of(), m);
            case JsonRpcException j -> failed(connection.awaitEnd(Duration.ofSeconds(2))
                .orElse("cannot be written to (" + j.getMessage() + ")"), RpcErrors.WORKER_FAILURE, j);
            default -> new ForeignException(label, RpcErrors.WORKER_FAILURE, "the call to " + function + " in "
                + worker + " failed: " + cause, List.of(), cause);
        };
    }

    private ForeignException failed(String reason, String type, Throwable cause) {
        if (settings.isolate() != null) {   // the reason names the crash and quotes what is useful
            return new ForeignException(connection.label(), type, connection.name() + " " + reason
                + " during the call to " + function + "; it is replaced by a new isolate for the next call", List.of(),
                cause);
        }
        String stderr = connection.recentStderr();
        return new ForeignException(connection.label(), type, "worker '" + connection.name()
            + "' " + reason + " during the call to " + function
            + (stderr.isEmpty() ? "" : "; its last stderr lines: " + stderr), List.of(), cause);
    }

    private static String issues(MessageIssueException e) {
        StringBuilder text = new StringBuilder();
        e.getIssues().forEach(issue -> {
            text.append(text.isEmpty() ? "" : "; ").append(issue.getText());
            if (issue.getCause() != null) {
                text.append(" (").append(issue.getCause().getMessage()).append(')');
            }
        });
        return text.toString();
    }
}
