package io.ggen.ffi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleException;

class BundleFailuresTest {

    @Test
    void aResolutionErrorBecomesTheMissingRequirement() {
        BundleException error = new BundleException("Unable to resolve io.ggen.ffi.runtime [5](R 5.0): missing requirement"
                + " [io.ggen.ffi.runtime [5](R 5.0)] osgi.wiring.package; (&(osgi.wiring.package=io.ggen.ffi.api)(version>=1.0.0))"
                + " Unresolved requirements: [[io.ggen.ffi.runtime [5](R 5.0)] osgi.wiring.package;"
                + " (&(osgi.wiring.package=io.ggen.ffi.api)(version>=1.0.0))]", BundleException.RESOLVE_ERROR);

        assertThat(BundleFailures.reason(error)).isEqualTo(
                "missing requirement osgi.wiring.package; (&(osgi.wiring.package=io.ggen.ffi.api)(version>=1.0.0))");
    }

    @Test
    void anActivatorErrorKeepsItsRootCause() {
        BundleException error = new BundleException("Activator start error in bundle x [3].",
                BundleException.ACTIVATOR_ERROR, new IllegalStateException("wrapper", new UnsupportedOperationException("no JVMCI")));

        assertThat(BundleFailures.reason(error))
                .isEqualTo("Activator start error in bundle x [3]. (java.lang.UnsupportedOperationException: no JVMCI)");
    }
}
