package ${package}.itest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.testkit.BridgeFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundle this project builds, in a real Felix with the platform's core bundles: what a container
 * does with the jar in its deploy/ folder. Runs in {@code mvn verify}, after the jar is packaged.
 */
class ${bridgeClass}IT {

    @RegisterExtension
    static final BridgeFramework FELIX = BridgeFramework.withProjectBundle();

    @Test
    void theBridgeIsRegisteredWithItsServiceProperties() {
        BridgeInfo bridge = FELIX.bridge("${language}");
        assertThat(bridge.name()).isEqualTo("${bridgeName}");
        assertThat(bridge.ranking()).isEqualTo(100);
        assertThat(bridge.capabilities().cancellation()).isTrue();
    }

    @Test
    void echoAnswersThroughTheRuntime() {
        try (ForeignModule module = FELIX.runtime().load(ModuleSpec.code("${language}", "x"))) {
            assertThat(module.call("echo", "hi")).isEqualTo("hi");
            assertThat(module.call("upper", "hi")).isEqualTo("HI");
        }
    }
}
