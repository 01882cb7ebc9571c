package io.ggen.ffi.bridge.rpc.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * The requests of one worker session that are not over: those the worker has not answered yet (by
 * lsp4j id, what a cancelled call's grace checks), and the answers callers still wait for (failed
 * all at once when the session ends).
 */
final class PendingRequests {

    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Object>> awaited = ConcurrentHashMap.newKeySet();

    /** The way out to the worker: notes each request's id (on its {@link RpcMessages.Tracked} parameters too). */
    MessageConsumer sending(MessageConsumer frames) {
        return message -> {
            if (message instanceof RequestMessage request) {
                unanswered.add(request.getId());
                if (request.getParams() instanceof RpcMessages.Tracked tracked) {
                    tracked.requestId = request.getId();
                }
            }
            frames.consume(message);
        };
    }

    /** The way in from the worker: forgets the requests it answers. */
    MessageConsumer receiving(MessageConsumer endpoint) {
        return message -> {
            if (message instanceof ResponseMessage response && response.getId() != null) {
                unanswered.remove(response.getId());
            }
            endpoint.consume(message);
        };
    }

    /** Notes an answer a caller waits for, until it completes (or is cancelled). */
    CompletableFuture<Object> awaiting(CompletableFuture<Object> answer) {
        awaited.add(answer);
        answer.whenComplete((result, error) -> awaited.remove(answer));
        return answer;
    }

    /** Whether the worker has not answered the request (by its lsp4j id) yet. */
    boolean isUnanswered(String requestId) {
        return requestId != null && unanswered.contains(requestId);
    }

    /** The session ended: every answer still awaited fails with the error. */
    void failAll(Throwable error) {
        for (CompletableFuture<Object> answer : awaited) {
            answer.completeExceptionally(error);
        }
    }
}
