package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.bridge.rpc.internal.BoundedMessageConsumer.MessageTooLargeException;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * Waits on the calling thread for the answer to one request its {@link WorkerSession} sent: cancels
 * it when the call context is cancelled or the configured call timeout passes (the call fails at
 * once), and turns what went wrong into the platform's exceptions. It knows nothing of the session:
 * what it needs comes with it ({@link Worker}, {@link Sent}).
 */
final class WorkerCall {

    /**
     * The worker as the call's messages name it, fixed when the call starts.
     *
     * @param label the language label of errors
     * @param name the worker's name
     * @param info what it said in {@code initialize} (its functions, for an unknown function); null if unknown
     * @param isolate whether it is an isolate (its failures are worded as such)
     * @param callTimeout the limit of calls whose caller gives no timeout; zero for none
     */
    record Worker(String label, String name, WorkerInfo info, boolean isolate, Duration callTimeout) {

        String functions() {
            return info == null ? "(unknown)" : info.functionList();
        }
    }

    /**
     * A request the session sent.
     *
     * @param answer what the worker answers; fails with a {@link WorkerFailure} when the session ends first
     * @param cancel cancels it ({@code $/cancelRequest}, the answer fails at once) and kills the
     *     worker when it does not end the request within the grace
     */
    record Sent(CompletableFuture<Object> answer, Runnable cancel) {
    }

    private final Worker worker;
    private final String function;
    private final CallContext context;

    WorkerCall(Worker worker, String function, CallContext context) {
        this.worker = worker;
        this.function = function;
        this.context = context;
    }

    Object await(Sent sent) {
        if (context != null && context.isCancellable()) {
            context.onCancel(sent.cancel());
        }
        // the configured call timeout is for calls whose caller gives none: the caller's own timeout wins
        Duration limit = context != null && context.options().timeout().isPresent() ? Duration.ZERO : worker.callTimeout();
        try {
            return limit.isZero() ? sent.answer().get() : sent.answer().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel().run();
            throw new ForeignTimeoutException(worker.label(), "the call to " + function + " in worker '"
                + worker.name() + "' ran past its call timeout of " + Durations.format(limit) + " and was cancelled", e);
        } catch (CancellationException e) {
            throw new ForeignCancellationException(worker.label(), "the call to " + function
                + " in worker '" + worker.name() + "' was cancelled", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel().run();
            throw new ForeignCancellationException(worker.label(), "the call to " + function
                + " in worker '" + worker.name() + "' was interrupted", e);
        }
    }

    private ForeignException translate(Throwable cause) {
        String label = worker.label();
        String named = "worker '" + worker.name() + "'";
        return switch (cause) {
            case ResponseErrorException r -> RpcErrors.fromResponse(r.getResponseError(), label, worker.name(),
                function, worker.functions());
            case WorkerFailure w -> failed(w);
            case ForeignException f -> f;
            case MessageTooLargeException m -> new ForeignArgumentException(label, "cannot call " + function + " in "
                + named + ": " + m.getMessage() + " (the limit is the setting max.message.size)", m);
            case MessageIssueException m -> new ForeignException(label, RpcErrors.WORKER_FAILURE, named
                + " answered the call to " + function + " with a message that cannot be read: "
                + issues(m), List.of(), m);
            default -> new ForeignException(label, RpcErrors.WORKER_FAILURE, "the call to " + function + " in "
                + named + " failed: " + cause, List.of(), cause);
        };
    }

    private ForeignException failed(WorkerFailure failure) {
        if (worker.isolate()) {   // the reason names the crash and quotes what is useful
            return new ForeignException(worker.label(), failure.type(), worker.name() + " " + failure.getMessage()
                + " during the call to " + function + "; it is replaced by a new isolate for the next call", List.of(),
                failure.shownBy());
        }
        String stderr = failure.stderr();
        return new ForeignException(worker.label(), failure.type(), "worker '" + worker.name()
            + "' " + failure.getMessage() + " during the call to " + function
            + (stderr.isEmpty() ? "" : "; its last stderr lines: " + stderr), List.of(), failure.shownBy());
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
