package io.ggen.ffi.bridge.rpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A worker pool declared by configuration: factory PID {@value ConfiguredWorkerPool#FACTORY_PID},
 * e.g. the file {@code deploy/io.ggen.ffi.bridge.rpc.worker-math.cfg}. Modules use it as
 * {@code ModuleSpec.named(language, name)}.
 */
@ObjectClassDefinition(id = ConfiguredWorkerPool.FACTORY_PID, name = "GGen FFI RPC worker pool",
    description = "A worker program the RPC bridge keeps running: started when the configuration appears,"
        + " stopped when it goes.")
@interface ConfiguredWorkerPoolConfiguration {

    @AttributeDefinition(name = "Name", description = "What modules call it: ModuleSpec.named(language, name).")
    String name() default "";

    @AttributeDefinition(name = "Language",
        description = "The language label of its errors and handles (go, cpython, node...); empty: what the worker"
            + " says in initialize.")
    String language() default "";

    @AttributeDefinition(name = "Command", description = "Program and arguments, one per entry; no shell is started.")
    String[] command() default {};

    @AttributeDefinition(name = "Working directory", description = "Where the worker runs; empty: the platform's.")
    String working_dir() default "";

    @AttributeDefinition(name = "Environment", description = "NAME=VALUE entries added to the worker's environment.")
    String[] environment() default {};

    @AttributeDefinition(name = "Pool size", description = "How many worker processes serve calls.")
    int pool_size() default 1;

    @AttributeDefinition(name = "Start timeout (ms)",
        description = "How long a worker may take to start and answer initialize before it is killed.")
    long start_timeout() default 10_000;

    @AttributeDefinition(name = "Call timeout (ms)",
        description = "The longest a call may run when the caller gives no timeout; 0: no limit.")
    long call_timeout() default 0;

    @AttributeDefinition(name = "Restarts in a row",
        description = "After this many failures in a row the worker is no longer restarted at once.")
    int restart_max() default 5;

    @AttributeDefinition(name = "Restart backoff (ms)",
        description = "The wait before restarting a failed worker, doubled with each further failure in a row.")
    long restart_backoff() default 200;

    @AttributeDefinition(name = "Largest message (bytes)",
        description = "Frames larger than this are refused; a worker that sends one is killed and restarted.")
    int max_message_size() default 64 * 1024 * 1024;
}
