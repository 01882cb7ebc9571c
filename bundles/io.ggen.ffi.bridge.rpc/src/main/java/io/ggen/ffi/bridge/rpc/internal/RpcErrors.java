package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/** Turns a worker's JSON-RPC errors into the platform's exceptions. */
final class RpcErrors {

    /** {@code file:line in function}, or {@code file:line:column in function}. */
    private static final Pattern FRAME = Pattern.compile("(.*?):(\\d+)(?::(\\d+))? in (.*)");

    /** The foreign type of failures of the worker itself (it exited, hung, broke the framing). */
    static final String WORKER_FAILURE = "WorkerFailure";

    private RpcErrors() {
    }

    /**
     * The exception for an error response to a call of {@code function}.
     *
     * @param language the worker's language label
     * @param worker how messages name the worker
     * @param functions the functions the worker has, for an unknown function
     */
    static ForeignException fromResponse(ResponseError error, String language, String worker, String function,
                                         String functions) {
        String message = error.getMessage() == null ? "(no message)" : error.getMessage();
        return switch (error.getCode()) {
            case RpcMessages.FUNCTION_FAILED -> foreign(error, language, message);
            case RpcMessages.METHOD_NOT_FOUND -> List.of(functions.split(",\\s*")).contains(function)
                ? new ForeignException(language, "JsonRpcError(" + error.getCode() + ")", "worker '" + worker
                    + "' has the function '" + function + "' but not the protocol's method it was called with: "
                    + message + " (a worker must answer call and callBatch, see docs/rpc-protocol.md)")
                : new NoSuchFunctionException(language, "worker '" + worker + "' has no function '" + function
                    + "'; it has: " + functions);
            case RpcMessages.INVALID_PARAMS -> new ForeignArgumentException(language, "worker '" + worker
                + "' refused the arguments of " + function + ": " + message);
            // worded as the platform's own cancellation (WorkerCall): whichever side reports it first
            case RpcMessages.CANCELLED -> new ForeignCancellationException(language, "the call to " + function
                + " in worker '" + worker + "' was cancelled");
            default -> new ForeignException(language, "JsonRpcError(" + error.getCode() + ")", "worker '" + worker
                + "' failed the call to " + function + ": " + message);
        };
    }

    /** A foreign exception: {@code data} is {@code {type, message, traceback}}, traceback innermost last. */
    private static ForeignException foreign(ResponseError error, String language, String message) {
        if (!(error.getData() instanceof JsonObject data)) {
            return new ForeignException(language, "", message);
        }
        String type = text(data.get("type"), "");
        String foreignMessage = text(data.get("message"), message);
        List<ForeignFrame> frames = new ArrayList<>();
        if (data.get("traceback") instanceof com.google.gson.JsonArray traceback) {
            for (JsonElement line : traceback) {
                if (line.isJsonPrimitive()) {
                    frames.add(frame(line.getAsString()));
                }
            }
        }
        return new ForeignException(language, type, foreignMessage, frames.reversed(), null);
    }

    /** One line of a traceback as a frame; a line of another form becomes a frame of unknown place. */
    static ForeignFrame frame(String line) {
        Matcher m = FRAME.matcher(line.strip());
        if (!m.matches()) {
            return new ForeignFrame(line.strip(), null, -1, -1);
        }
        int column = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        return new ForeignFrame(m.group(4), m.group(1), Integer.parseInt(m.group(2)), column);
    }

    private static String text(JsonElement element, String otherwise) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : otherwise;
    }
}
