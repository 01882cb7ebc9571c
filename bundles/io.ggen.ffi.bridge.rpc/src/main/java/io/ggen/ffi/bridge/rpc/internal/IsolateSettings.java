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
 * @param instance 0 when equal modules share isolates; a number of its own for inline code,
 *     whose every load has its own state
 */
record IsolateSettings(RpcMessages.ModuleParams module, Path crashLogs, String heap, String directMemory,
                       long cpuSeconds, long instance) {
}
