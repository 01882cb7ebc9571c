package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonObject;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import io.ggen.ffi.bridge.rpc.internal.WorkerConnection.WorkerFailure;
import io.ggen.ffi.convert.text.Durations;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * {@code initialize}: the worker must answer within the start timeout and speak protocol
 * {@value RpcMessages#PROTOCOL_VERSION}; otherwise it is killed and the error says what it did and
 * what it wrote to stderr.
 */
final class WorkerHandshake {

    /** The foreign type of a worker that does not start. */
    static final String START_FAILURE = "WorkerStartFailure";

    private final WorkerConnection connection;
    private final WorkerSettings settings;

    WorkerHandshake(WorkerConnection connection, WorkerSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    WorkerInfo run() {
        String timeout = Durations.format(settings.startTimeout());
        Object answer;
        try {
            answer = connection.send(RpcMessages.INITIALIZE, new RpcMessages.InitializeParams(
                settings.isolate() == null ? null : settings.isolate().module()))
                .get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connection.kill("did not answer initialize within " + timeout);
            throw failure("did not answer initialize within " + timeout);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.kill("was stopped while starting");
            throw failure("was interrupted while starting");
        }
        WorkerInfo info;
        try {
            info = WorkerInfo.parse(answer instanceof JsonObject o ? o : null);
        } catch (IllegalArgumentException e) {
            connection.kill("answered initialize wrongly");
            throw failure(e.getMessage());
        }
        if (info.protocolVersion() != RpcMessages.PROTOCOL_VERSION) {
            connection.kill("speaks another protocol version");
            throw failure("speaks protocol version " + info.protocolVersion() + ", but this platform speaks version "
                + RpcMessages.PROTOCOL_VERSION + ": use a worker SDK for protocol " + RpcMessages.PROTOCOL_VERSION);
        }
        return info;
    }

    private ForeignException failed(Throwable cause) {
        if (cause instanceof ResponseErrorException r) {
            int code = r.getResponseError().getCode();
            connection.kill("refused initialize");
            if (settings.isolate() != null && code == RpcMessages.FUNCTION_FAILED) {
                // the isolate host could not load the module: the bridge's own error (a syntax error...)
                return RpcErrors.fromResponse(r.getResponseError(), connection.label(), settings.name(),
                    RpcMessages.INITIALIZE, "");
            }
            if (code == RpcMessages.VERSION_NOT_SUPPORTED) {
                return failure("does not speak protocol version " + RpcMessages.PROTOCOL_VERSION + ", the version of"
                    + " this platform; it answered: " + r.getResponseError().getMessage());
            }
            return failure("refused initialize (error " + code + "): " + r.getResponseError().getMessage());
        }
        if (cause instanceof WorkerFailure w) {
            return failure(w.getMessage() + " before it answered initialize");
        }
        connection.kill("could not be initialized");
        return failure("could not be sent initialize: " + cause);
    }

    private ForeignException failure(String what) {
        String target = settings.describeTarget();
        String who = settings.namedByTarget() ? "'" + settings.name() + "'" : "'" + settings.name() + "' (" + target + ")";
        String stderr = settings.isTcp() ? "" : connection.recentStderr();
        String said = settings.isTcp() ? "" : stderr.isEmpty() ? "; it wrote nothing to stderr" : "; stderr said: " + stderr;
        return new ForeignException(connection.label(), START_FAILURE, "worker " + who + " " + what + said);
    }
}
