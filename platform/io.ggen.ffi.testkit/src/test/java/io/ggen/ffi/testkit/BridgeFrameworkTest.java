package io.ggen.ffi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;

/** A third-party bridge bundle (the test bridge of the distribution tests) in a real Felix with the core bundles. */
class BridgeFrameworkTest {

    private static final Path TEST_BRIDGE = BridgeFramework.classPathBundles().get("io.ggen.ffi.testbridge");

    @RegisterExtension
    static final BridgeFramework FELIX = BridgeFramework.withBundles(TEST_BRIDGE);

    @Test
    void theBridgeBundleIsActiveAndServesItsLanguageThroughTheRuntime() {
        assertThat(FELIX.bundle("io.ggen.ffi.testbridge")).get().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
        assertThat(FELIX.bridge("spin").name()).isEqualTo("spinner");
        try (ForeignModule module = FELIX.runtime().load(ModuleSpec.code("spin", "x"))) {
            assertThat(module.call("echo", "hi")).isEqualTo("hi");
            assertThatThrownBy(() -> module.call("nope")).isInstanceOf(NoSuchFunctionException.class);
        }
    }

    @Test
    void theCoreBundlesAreActive() {
        for (String core : BridgeFramework.CORE) {
            assertThat(FELIX.bundle(core)).as(core).get().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
        }
    }

    @Test
    void aMissingProjectBundleSaysWhereItLookedAndHowToFixIt() {
        assertThatThrownBy(() -> BridgeFramework.projectBundle(Path.of("src")))
            .hasMessageContaining("expected one bundle in").hasMessageContaining("Failsafe");
    }
}
