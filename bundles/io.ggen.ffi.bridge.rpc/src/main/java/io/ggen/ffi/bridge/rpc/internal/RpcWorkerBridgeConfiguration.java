package io.ggen.ffi.bridge.rpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the RPC bridge, PID {@value RpcWorkerBridge#PID}: the defaults for workers that
 * modules name by command line or address (configured worker pools have their own).
 */
@ObjectClassDefinition(id = RpcWorkerBridge.PID, name = "GGen FFI RPC bridge (worker processes)",
    description = "Defaults for worker programs started from a module's command line or reached at tcp://HOST:PORT.")
@interface RpcWorkerBridgeConfiguration {

    @AttributeDefinition(name = "Pool size",
        description = "How many worker processes serve one module, unless its option pool-size says otherwise.")
    int pool_size() default 1;

    @AttributeDefinition(name = "Start timeout (ms)",
        description = "How long a worker may take to start and answer initialize before it is killed.")
    long start_timeout() default 10_000;

    @AttributeDefinition(name = "Call timeout (ms)",
        description = "The longest a call may run when the caller gives no timeout; 0: no limit.")
    long call_timeout() default 0;

    @AttributeDefinition(name = "Restarts in a row",
        description = "After this many failures in a row a worker is no longer restarted at once: calls fail"
            + " until its backoff has passed.")
    int restart_max() default 5;

    @AttributeDefinition(name = "Restart backoff (ms)",
        description = "The wait before restarting a failed worker, doubled with each further failure in a row.")
    long restart_backoff() default 200;

    @AttributeDefinition(name = "Largest message (bytes)",
        description = "Frames larger than this are refused; a worker that sends one is killed and restarted.")
    int max_message_size() default 64 * 1024 * 1024;

    @AttributeDefinition(name = "Stop grace (ms)",
        description = "How long a stopping worker may take to answer shutdown and exit before its process tree"
            + " is killed.")
    long stop_grace() default 2_000;

    @AttributeDefinition(name = "Cancel grace (ms)",
        description = "How long a cancelled or timed-out call may take to end in the worker; past that the worker"
            + " is killed and restarted (the call itself fails at once).")
    long cancel_grace() default 1_000;
}
