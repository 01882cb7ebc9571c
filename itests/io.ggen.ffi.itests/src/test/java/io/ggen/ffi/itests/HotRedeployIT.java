package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The JavaScript bridge bundle removed and installed again while a caller holds a module. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotRedeployIT extends PlatformTestSupport {

    @Inject
    ForeignRuntime runtime;

    @Inject
    BundleContext context;

    private void awaitBridge(boolean present) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
            .untilAsserted(() -> assertThat(runtime.bridges().isEmpty()).isEqualTo(!present));
    }

    @Test
    public void removingTheBridgeFailsCallsClearlyAndReinstallingItRestoresThem() throws Exception {
        ForeignModule held = runtime.load(ModuleSpec.code("javascript", "function twice(x) { return 2 * x; }"));
        ForeignFunction twice = held.function("twice");
        assertThat(twice.invoke(ForeignValue.of(21))).isEqualTo(ForeignValue.of(42));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapAfterWarmUp = 0;
        for (int cycle = 1; cycle <= 20; cycle++) {
            Bundle bridge = bundle(context, JS_BRIDGE);
            String location = bridge.getLocation();
            bridge.uninstall();
            awaitBridge(false);
            assertThatThrownBy(() -> runtime.load(ModuleSpec.code("javascript", "1")))
                .isInstanceOf(BridgeUnavailableException.class).hasMessageContaining("no bridge for javascript");
            assertThatThrownBy(() -> twice.invoke(ForeignValue.of(1)))
                .isInstanceOf(BridgeUnavailableException.class).hasMessageContaining("no bridge for javascript");

            context.installBundle(location).start();
            awaitBridge(true);
            assertThat(twice.invoke(ForeignValue.of(cycle))).isEqualTo(ForeignValue.of(2L * cycle));

            if (cycle == 5 || cycle == 20) {
                System.gc();
                Thread.sleep(200);   // not a wait for a condition: cleaners and reference queues run between the two GCs
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                if (cycle == 5) {
                    heapAfterWarmUp = used;
                } else {
                    System.out.printf("heap growth over 15 redeploys of the JavaScript bridge: %.1f MB%n",
                        (used - heapAfterWarmUp) / 1048576.0);
                    // 15 more cycles of a whole bridge (engine, contexts, classes) must not pile up
                    assertThat(used - heapAfterWarmUp).as("heap growth over 15 redeploys, bytes")
                        .isLessThan(48L * 1024 * 1024);
                }
            }
        }
        held.close();
    }
}
