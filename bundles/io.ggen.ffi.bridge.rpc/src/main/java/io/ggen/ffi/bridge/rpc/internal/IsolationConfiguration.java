package io.ggen.ffi.bridge.rpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the isolates, PID {@value ProcessIsolator#PID}: their limits and pools. A
 * module's options {@code isolation.heap}, {@code isolation.direct-memory}, {@code isolation.cpu}
 * and {@code isolation.pool-size} override them for that module.
 */
@ObjectClassDefinition(id = ProcessIsolator.PID, name = "GGen FFI isolates",
    description = "Limits and pools of the child JVMs that run modules loaded with isolation=process.")
@interface IsolationConfiguration {

    @AttributeDefinition(name = "Heap", description = "The largest heap of one isolate (-Xmx), e.g. 512m or 2g.")
    String heap() default "512m";

    @AttributeDefinition(name = "Direct memory",
        description = "The most direct (NIO) memory one isolate may use (-XX:MaxDirectMemorySize), e.g. 256m.")
    String direct_memory() default "256m";

    @AttributeDefinition(name = "CPU seconds", min = "0",
        description = "CPU time one isolate may use in its life (RLIMIT_CPU, through prlimit); 0: no limit.")
    long cpu_seconds() default 0;

    @AttributeDefinition(name = "Pool size", min = "1",
        description = "How many isolates serve one module; the first starts with the first load, the others"
            + " right after it, in the background.")
    int pool_size() default 1;

    @AttributeDefinition(name = "Start timeout (ms)",
        description = "How long an isolate may take to boot and load its module.")
    long start_timeout() default 60_000;

    @AttributeDefinition(name = "Crash report folder",
        description = "Where isolates' JVM crash reports (hs_err_pid*.log) go, the newest 10 kept. Empty: the"
            + " platform's log/isolates folder (or the temporary folder outside a distribution).")
    String crash_folder() default "";
}
