package io.ggen.ffi.bridge.rpc.internal;

import java.time.Duration;

/**
 * What a worker gets unless its module options or its configuration say otherwise: the RPC
 * bridge's configuration ({@link RpcWorkerBridgeConfiguration}).
 */
record WorkerDefaults(int poolSize, Duration startTimeout, Duration callTimeout, int restartMax,
                      Duration restartBackoff, int maxMessageSize, Duration stopGrace, Duration cancelGrace) {

    /** The defaults of the configuration's attribute definitions. */
    static final WorkerDefaults STANDARD = new WorkerDefaults(1, Duration.ofSeconds(10), Duration.ZERO, 5,
        Duration.ofMillis(200), 64 * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(1));

    WorkerDefaults {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool.size must be at least 1, not " + poolSize);
        }
        if (restartMax < 0) {
            throw new IllegalArgumentException("restart.max must not be negative, not " + restartMax);
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("max.message.size must be at least 1024 bytes, not " + maxMessageSize);
        }
    }

    /**
     * @throws IllegalArgumentException an attribute is out of range; the message names it
     */
    static WorkerDefaults from(RpcWorkerBridgeConfiguration config) {
        return new WorkerDefaults(config.pool_size(), WorkerSettings.millis("start.timeout", config.start_timeout()),
            WorkerSettings.millis("call.timeout", config.call_timeout()), config.restart_max(),
            WorkerSettings.millis("restart.backoff", config.restart_backoff()), config.max_message_size(),
            WorkerSettings.millis("stop.grace", config.stop_grace()),
            WorkerSettings.millis("cancel.grace", config.cancel_grace()));
    }
}
