package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A worker service reached over TCP ({@code tcp://HOST:PORT}), which the platform does not own. */
class TcpWorkerTest {

    @Test
    void callsAWorkerServiceOverTcpAndLeavesItRunning() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("python3", "-u", TestWorkers.WORKERS.resolve("sdk_worker.py").toString());
        builder.environment().put("PYTHONPATH", TestWorkers.SDK.toString());
        builder.environment().put("GGEN_WORKER_LISTEN", "127.0.0.1:0");
        Process service = builder.start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(service.getErrorStream(), StandardCharsets.UTF_8));
            Matcher listening = Pattern.compile("ggen-worker: listening on (\\S+):(\\d+)").matcher(stderr.readLine());
            assertThat(listening.find()).isTrue();
            RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, new TestWorkers.RecordingLogger().logger);
            try (GuestModule module = bridge.load(ModuleSpec.named("rpc", "tcp://127.0.0.1:" + listening.group(2))
                    .withOption(WorkerSettings.POOL_SIZE, "2"))) {
                assertThat(call(module, "add", 3, 4)).isEqualTo(ForeignValue.of(7));
                assertThat(call(module, "pid")).isEqualTo(ForeignValue.of(service.pid()));
                assertThat(TestWorkers.processes(module)).isEmpty(); // not a child of the platform
            } finally {
                bridge.deactivate();
            }
            Thread.sleep(200);
            assertThat(service.isAlive()).isTrue(); // closing the module closed the connection, not the service
        } finally {
            service.destroyForcibly();
            service.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(TestWorkers.allDead(java.util.List.of(service.toHandle()), Duration.ofSeconds(1))).isTrue();
    }
}
