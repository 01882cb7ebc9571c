package io.ggen.ffi.bridge.rpc.internal;

import com.google.gson.JsonObject;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.bridge.rpc.internal.RpcMessages.WorkerInfo;
import io.ggen.ffi.convert.text.Durations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * {@code initialize}: the worker must answer within the start timeout and speak protocol
 * {@value RpcMessages#PROTOCOL_VERSION}; otherwise it is killed and the error says what it did and
 * what it wrote to stderr. Its session gives it the answer to wait for and the means to kill the
 * worker and read its stderr.
 */
final class WorkerHandshake {

    /** The foreign type of a worker that does not start. */
    static final String START_FAILURE = "WorkerStartFailure";

    private final WorkerSettings settings;
    private final String label;
    private final Consumer<String> kill;
    private final Supplier<String> stderr;

    /**
     * @param label the language label of errors (the worker has not said its language yet)
     * @param kill ends the session at once, for the reason given
     * @param stderr the worker's last stderr lines
     */
    WorkerHandshake(WorkerSettings settings, String label, Consumer<String> kill, Supplier<String> stderr) {
        this.settings = settings;
        this.label = label;
        this.kill = kill;
        this.stderr = stderr;
    }

    /** What {@code initialize} carries: the protocol version, and an isolate host's module. */
    static RpcMessages.InitializeParams params(WorkerSettings settings) {
        return new RpcMessages.InitializeParams(settings.isolate() == null ? null : settings.isolate().module());
    }

    /** Waits for the answer to {@code initialize} and checks it. */
    WorkerInfo await(CompletableFuture<Object> initialized) {
        String timeout = Durations.format(settings.startTimeout());
        Object answer;
        try {
            answer = initialized.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill.accept("did not answer initialize within " + timeout);
            throw failure("did not answer initialize within " + timeout);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill.accept("was stopped while starting");
            throw failure("was interrupted while starting");
        }
        WorkerInfo info;
        try {
            info = WorkerInfo.parse(answer instanceof JsonObject o ? o : null);
        } catch (IllegalArgumentException e) {
            kill.accept("answered initialize wrongly");
            throw failure(e.getMessage());
        }
        if (info.protocolVersion() != RpcMessages.PROTOCOL_VERSION) {
            kill.accept("speaks another protocol version");
            throw failure("speaks protocol version " + info.protocolVersion() + ", but this platform speaks version "
                + RpcMessages.PROTOCOL_VERSION + ": use a worker SDK for protocol " + RpcMessages.PROTOCOL_VERSION);
        }
        return info;
    }

    private ForeignException failed(Throwable cause) {
        if (cause instanceof ResponseErrorException r) {
            int code = r.getResponseError().getCode();
            kill.accept("refused initialize");
            if (settings.isolate() != null && code == RpcMessages.FUNCTION_FAILED) {
                // the isolate host could not load the module: the bridge's own error (a syntax error...)
                return RpcErrors.fromResponse(r.getResponseError(), label, settings.name(),
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
        kill.accept("could not be initialized");
        return failure("could not be sent initialize: " + cause);
    }

    private ForeignException failure(String what) {
        String target = settings.describeTarget();
        String who = settings.namedByTarget() ? "'" + settings.name() + "'" : "'" + settings.name() + "' (" + target + ")";
        String lines = settings.isTcp() ? "" : stderr.get();
        String said = settings.isTcp() ? "" : lines.isEmpty() ? "; it wrote nothing to stderr" : "; stderr said: " + lines;
        return new ForeignException(label, START_FAILURE, "worker " + who + " " + what + said);
    }
}
