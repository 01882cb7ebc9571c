package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** The RPC bridge in a real Felix: CPython workers written with the repository's SDK, as child processes. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RpcBridgeIT extends PlatformTestSupport {

    private static final Path SDK = Path.of("../../sdk/python").toAbsolutePath().normalize();
    private static final Path WORKER = Path.of("src/test/resources/workers/demo_worker.py").toAbsolutePath();
    private static final String COMMAND = "python3 " + WORKER;

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    BundleContext context;

    @Override
    @Configuration
    public Option[] config() {
        return combine(super.config(), rpcBridge());
    }

    private static ModuleSpec worker() {
        return ModuleSpec.named("cpython", COMMAND).withOption("env.GGEN_SDK_PYTHON", SDK.toString());
    }

    @Test
    public void callsBatchesAndErrorsOfACPythonWorker() {
        try (ForeignModule py = runtime.load(worker())) {
            assertThat(py.bridgeName()).isEqualTo("rpc-worker");
            assertThat(py.call("add", 2, 40)).isEqualTo(42L);
            assertThatThrownBy(() -> py.call("fail", "bad input")).isInstanceOf(ForeignException.class)
                .hasMessageContaining("ValueError").hasMessageContaining("bad input");
            List<BatchResult> batch = py.function("add").invokeBatch(List.of(
                List.of(ForeignValue.of(1), ForeignValue.of(2)), List.of(ForeignValue.of("x"), ForeignValue.of(1)),
                List.of(ForeignValue.of(3), ForeignValue.of(4))), CallOptions.DEFAULT);
            assertThat(batch).hasSize(3);
            assertThat(batch.get(0).value()).isEqualTo(ForeignValue.of(3));
            assertThat(batch.get(1).isError()).isTrue();
            assertThat(batch.get(2).value()).isEqualTo(ForeignValue.of(7));
        }
    }

    @Test
    public void aCrashFailsTheCallClearlyAndTheNextCallWorks() {
        try (ForeignModule py = runtime.load(worker())) {
            long before = ((Number) py.call("pid")).longValue();
            assertThatThrownBy(() -> py.call("crash")).isInstanceOf(ForeignException.class)
                .hasMessageContaining("exited with status 7");
            assertThat(py.call("add", 1, 1)).isEqualTo(2L);
            assertThat(((Number) py.call("pid")).longValue()).isNotEqualTo(before);
        }
    }

    @Test
    public void eightThreadsShareTheWorker() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ForeignModule py = runtime.load(worker())) {
            ForeignFunction add = py.function("add");
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertThat(add.call(thread, i)).isEqualTo((long) thread + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    public void aFactoryConfigurationStartsAPoolAndDeletingItStopsTheProcesses() throws Exception {
        var config = configurationAdmin.createFactoryConfiguration("io.ggen.ffi.bridge.rpc.worker", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "demo-pool");
        properties.put("language", "cpython");
        properties.put("command", new String[] {"python3", WORKER.toString()});
        properties.put("environment", new String[] {"GGEN_SDK_PYTHON=" + SDK});
        properties.put("pool.size", 2);
        config.update(properties);
        long pid = await("a worker of the pool answers").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .ignoreExceptionsInstanceOf(ForeignException.class)   // the pool's component is not there yet
            .until(() -> {
                try (ForeignModule py = runtime.load(ModuleSpec.named("cpython", "demo-pool"))) {
                    return ((Number) py.call("pid")).longValue();
                }
            }, found -> found != 0);
        assertThat(pid).isPositive();
        assertThat(ProcessHandle.of(pid)).isPresent();
        config.delete();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %d stopped", pid).isFalse());
    }

    @Test
    public void stoppingTheBridgeLeavesNoProcessBehind() throws Exception {
        Bundle bridge = bundle(context, "io.ggen.ffi.bridge.rpc");
        ForeignModule py = runtime.load(worker());
        long pid = ((Number) py.call("pid")).longValue();
        try {
            bridge.stop();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("demo_worker")))
                .isEmpty();
        } finally {
            bridge.start();
        }
        assertThat(py.call("add", 20, 22)).as("the module loads again through the restarted bridge").isEqualTo(42L);
        py.close();
    }
}
