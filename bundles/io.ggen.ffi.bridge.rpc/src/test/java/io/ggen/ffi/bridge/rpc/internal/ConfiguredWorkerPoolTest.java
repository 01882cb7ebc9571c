package io.ggen.ffi.bridge.rpc.internal;

import static io.ggen.ffi.bridge.rpc.internal.TestWorkers.call;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worker pools declared by factory configurations, found by name. */
class ConfiguredWorkerPoolTest {

    private final TestWorkers.RecordingLogger log = new TestWorkers.RecordingLogger();

    /** A configuration as ConfigAdmin would give it: these attributes, the rest defaults. */
    static ConfiguredWorkerPoolConfiguration config(Map<String, Object> attributes) {
        return (ConfiguredWorkerPoolConfiguration) Proxy.newProxyInstance(
            ConfiguredWorkerPoolConfiguration.class.getClassLoader(), new Class<?>[] {ConfiguredWorkerPoolConfiguration.class},
            (proxy, method, args) -> attributes.containsKey(method.getName()) ? attributes.get(method.getName())
                : method.getDefaultValue());
    }

    private static Map<String, Object> mathPool(int size) {
        return Map.of("name", "math", "language", "node", "pool_size", size,
            "command", new String[] {"python3", TestWorkers.WORKERS.resolve("sdk_worker.py").toString()},
            "environment", new String[] {"PYTHONPATH=" + TestWorkers.SDK});
    }

    @Test
    void aConfiguredPoolStartsItsWorkersAndModulesReachItByName() throws InterruptedException {
        RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);
        ConfiguredWorkerPool pool = new ConfiguredWorkerPool(config(mathPool(2)), log.logger);
        bridge.addWorkerPool(pool);
        List<ProcessHandle> processes;
        try (GuestModule module = bridge.load(ModuleSpec.named("rpc", "math"))) {
            assertThat(call(module, "add", 20, 22)).isEqualTo(ForeignValue.of(42));
            assertThatThrownBy(() -> call(module, "div", 1, 0)).isInstanceOf(ForeignException.class)
                .satisfies(e -> assertThat(((ForeignException) e).language()).isEqualTo("node"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pool.pool().processes().size() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            processes = pool.pool().processes();
            assertThat(processes).hasSize(2);
        }
        assertThat(processes).allMatch(ProcessHandle::isAlive); // the pool outlives its modules
        bridge.removeWorkerPool(pool);
        pool.deactivate();
        assertThat(TestWorkers.allDead(processes, Duration.ofSeconds(5))).isTrue();
        bridge.deactivate();
    }

    /** Regression: a changed configuration replaced the pool, and modules kept calling the stopped one. */
    @Test
    void modulesFollowTheirPoolWhenItsConfigurationChanges() throws InterruptedException {
        RpcWorkerBridge bridge = new RpcWorkerBridge(TestWorkers.FAST, log.logger);
        ConfiguredWorkerPool first = new ConfiguredWorkerPool(config(mathPool(1)), log.logger);
        bridge.addWorkerPool(first);
        try (GuestModule module = bridge.load(ModuleSpec.named("rpc", "math"))) {
            assertThat(call(module, "add", 1, 2)).isEqualTo(ForeignValue.of(3));
            ConfiguredWorkerPool second = new ConfiguredWorkerPool(config(mathPool(2)), log.logger);
            bridge.addWorkerPool(second);      // DS: the new component is bound, then the old one goes
            bridge.removeWorkerPool(first);
            first.deactivate();
            assertThat(call(module, "add", 2, 3)).isEqualTo(ForeignValue.of(5));
            bridge.removeWorkerPool(second);
            second.deactivate();
            assertThatThrownBy(() -> call(module, "add", 1, 1)).hasMessageContaining("is not configured any more");
        } finally {
            bridge.deactivate();
        }
    }

    @Test
    void anUnusableConfigurationSaysWhatToFix() {
        assertThatThrownBy(() -> new ConfiguredWorkerPool(config(Map.of("name", "x")), log.logger))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> new ConfiguredWorkerPool(config(Map.of("command", new String[] {"w"})), log.logger))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new ConfiguredWorkerPool(config(Map.of("name", "x", "command", new String[] {"w"},
            "environment", new String[] {"NOVALUE"})), log.logger))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'NOVALUE' of worker pool 'x' is not NAME=VALUE");
    }
}
