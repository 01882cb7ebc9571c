package io.ggen.ffi.bridge.python.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Python bridge, PID {@value GraalPyBridge#PID}. The defaults are the safe
 * ones: no host access, files readable only in the module search path; a deployment opens what it
 * needs.
 */
@ObjectClassDefinition(id = GraalPyBridge.PID, name = "GGen FFI Python bridge (GraalPy)",
    description = "How the GraalPy bridge runs Python modules: context pool, module search path, sandbox and limits.")
@interface GraalPyBridgeConfiguration {

    @AttributeDefinition(name = "Contexts per module",
        description = "How many Python contexts each module may use at once (a context runs one call at a"
            + " time; each imports the module once). 0 means one per processor core.")
    int pool_size() default 0;

    @AttributeDefinition(name = "Python path",
        description = "Folders where named modules are found (like PYTHONPATH), searched after a caller's"
            + " working directory and python-path option. Readable, read-only, by every module.")
    String[] python_path() default {};

    @AttributeDefinition(name = "Allow host access",
        description = "Lets Python use Java classes and objects (import java). Off by default; turn on only"
            + " for trusted code.")
    boolean allow_host_access() default false;

    @AttributeDefinition(name = "Allow IO",
        description = "Lets Python read and write any host file. Off by default: only the module search path"
            + " is readable (read-only) and the standard library is there.")
    boolean allow_io() default false;

    @AttributeDefinition(name = "Statement limit",
        description = "The most Python statements one call may run before it fails with ResourceExhausted"
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
            + " 0: off (a module may still ask with its option inspect=PORT). ggen inspect python sets it.")
    int inspect_port() default 0;

    @AttributeDefinition(name = "Inspector: wait for a debugger",
        description = "With an inspector port: every module waits, when it loads, until a debugger attaches, and"
            + " stops on its first line.")
    boolean inspect_suspend() default false;
}
