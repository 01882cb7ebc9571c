package io.ggen.ffi.bridge.js.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the JavaScript bridge, PID {@value GraalJsBridge#PID}. The defaults are the
 * safe ones: no host access, no IO, no {@code require}; a deployment opens what it needs.
 */
@ObjectClassDefinition(id = GraalJsBridge.PID, name = "GGen FFI JavaScript bridge (GraalJS)",
    description = "How the GraalJS bridge runs JavaScript modules: context pool, sandbox and limits.")
@interface GraalJsBridgeConfiguration {

    @AttributeDefinition(name = "Contexts per module",
        description = "How many JavaScript contexts each module may use at once (a context runs one call at a"
            + " time). 0 means one per processor core.")
    int pool_size() default 0;

    @AttributeDefinition(name = "Allow host access",
        description = "Lets JavaScript use Java classes and objects (Java.type, public members). Off by"
            + " default; turn on only for trusted code.")
    boolean allow_host_access() default false;

    @AttributeDefinition(name = "Allow IO",
        description = "Lets JavaScript read and write host files. Off by default; a node-modules folder is then"
            + " still readable (read-only, nothing outside it).")
    boolean allow_io() default false;

    @AttributeDefinition(name = "node_modules folder",
        description = "A node_modules folder whose packages every module may require() (CommonJS). Empty:"
            + " require is off unless a module gives its own node-modules option.")
    String node_modules() default "";

    @AttributeDefinition(name = "Statement limit",
        description = "The most JavaScript statements one call may run before it fails with ResourceExhausted"
            + " (the context is then replaced). 0: no limit.")
    long statement_limit() default 0;

    @AttributeDefinition(name = "Interrupt grace (ms)",
        description = "How long a cancelled or timed-out call may take to stop after it is interrupted; past"
            + " that its context is closed (cancelled) and replaced.")
    long interrupt_grace_ms() default 1000;

    @AttributeDefinition(name = "Inspector port",
        description = "Debug every module this bridge loads in Chrome DevTools: GraalVM's Chrome inspector listens"
            + " on 127.0.0.1 at this port, each module on an engine of its own under its own path (chrome://inspect,"
            + " or http://127.0.0.1:PORT/json, lists them). Modules loaded before load again at their next call."
            + " 0: off (a module may still ask with its option inspect=PORT). ggen inspect javascript sets it.")
    int inspect_port() default 0;

    @AttributeDefinition(name = "Inspector: wait for a debugger",
        description = "With an inspector port: every module waits, when it loads, until a debugger attaches, and"
            + " stops on its first line.")
    boolean inspect_suspend() default false;
}
