package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonObject;
import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.BatchItem;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * What a worker's answers become: a value whose handles know which function returned them (for
 * leak reports), and a batch's results, each item a value or its own error.
 */
final class WorkerResults {

    private WorkerResults() {
    }

    /** The answer to a call of {@code function}: its value ({@code null} when it has none). */
    static ForeignValue value(Object result, String function) {
        ForeignValue value = result instanceof ForeignValue v ? v : ForeignValue.NULL;
        noteHandles(value, function);
        return value;
    }

    /**
     * The answer to a {@code callBatch} of {@code size} items.
     *
     * @throws ForeignException the worker answered something else than a list of as many items
     */
    static List<BatchResult> batch(Object result, int size, String function, WorkerCall.Worker worker) {
        if (!(result instanceof List<?> items) || items.size() != size) {
            throw new ForeignException(worker.label(), RpcErrors.WORKER_FAILURE, "worker '" + worker.name()
                + "' answered callBatch of " + function + " with " + (result instanceof List<?> l ? l.size()
                + " results for " + size + " items" : "something that is not a list"));
        }
        String functions = worker.functions();
        List<BatchResult> results = new ArrayList<>(items.size());
        for (Object element : items) {
            BatchItem item = (BatchItem) element;
            if (item != null && item.error != null) {
                results.add(BatchResult.failure(RpcErrors.fromResponse(responseError(item.error), worker.label(),
                    worker.name(), function, functions)));
            } else {
                ForeignValue value = item == null || item.value == null ? ForeignValue.NULL : item.value;
                noteHandles(value, function);
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

    /** Tells each handle in the value which function returned it. */
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
}
