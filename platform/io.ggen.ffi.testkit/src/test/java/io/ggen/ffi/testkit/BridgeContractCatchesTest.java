package io.ggen.ffi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The contract fails bridges that break its promises, each at the check that names the promise. */
class BridgeContractCatchesTest {

    private static Events failures(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents().failed();
    }

    private static List<String> names(Events events) {
        return events.stream().map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
    }

    @Test
    void aBridgeThatClaimsCancellationButIgnoresItFails() {
        assertThat(names(failures(BrokenBridges.IgnoresCancellation.class)))
            .containsExactly("cancellation stops a function that never returns");
    }

    @Test
    void aBridgeThatChangesValuesFailsForEachValueItChanges() {
        assertThat(names(failures(BrokenBridges.ChangesStrings.class)))
            .isNotEmpty()
            .allSatisfy(name -> assertThat(name).startsWith("STRING "))
            .contains("STRING hi");
    }

    @Test
    void aBridgeWithUntypedErrorsFailsTheErrorChecks() {
        assertThat(names(failures(BrokenBridges.UntypedErrors.class))).containsExactlyInAnyOrder(
            "aForeignErrorIsTypedWithTheLanguageItsTypeMessageAndFrames()",
            "aMissingFunctionIsNamedWithTheFunctionsThatExist()",
            "eachFailingItemOfABatchFailsWithItsOwnError()");
    }
}
