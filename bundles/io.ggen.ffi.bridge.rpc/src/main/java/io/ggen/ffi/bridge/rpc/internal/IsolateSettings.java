package io.ggen.ffi.bridge.rpc.internal;

import java.nio.file.Path;

/**
 * What makes a worker an isolate: the module its host loads, where its JVM writes crash reports,
 * and its limits (for messages that name them).
 *
 * @param module the module the isolate host loads, sent in {@code initialize}
 * @param crashLogs the folder of the isolates' {@code hs_err_pid<pid>.log} files
 * @param heap the {@code -Xmx} value, e.g. {@code 512m}
 * @param directMemory the {@code -XX:MaxDirectMemorySize} value
 * @param cpuSeconds the CPU time limit (RLIMIT_CPU), 0 for none
 * @param instance a number of its own for each load: no two loads share isolates (the runtime
 *     shares a loaded module among its callers)
 */
record IsolateSettings(RpcMessages.ModuleParams module, Path crashLogs, String heap, String directMemory,
                       long cpuSeconds, long instance) {
}
