package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.webconsole.internal.BridgeBundles.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Bridges' bundles, rankings and default isolation against a faked framework: the rows the page
 * shows, and what each action changes and says.
 */
class BridgeManagementTest {

    static final BridgeInfo PANAMA = new BridgeInfo("c", List.of("ffm"), "panama", 100, "io.ggen.ffi.bridge.panama",
        "1.1.0", BridgeCapabilities.NONE, "FFM");
    static final BridgeInfo JNA = new BridgeInfo("c", List.of(), "jna", 50, "io.ggen.ffi.bridge.jna", "1.1.0",
        BridgeCapabilities.NONE, "JNA");
    static final String RUNTIME_PID = "io.ggen.ffi.runtime";

    private final FakeRuntime runtime = new FakeRuntime();
    private FakeFramework framework;
    private Bundle js;
    private Bundle panama;
    private Bundle jna;
    private Bundle python;
    private BridgeManagement management;

    @BeforeEach
    void framework() throws Exception {
        framework = new FakeFramework();
        js = framework.bundle(7, "io.ggen.ffi.bridge.js", "1.0.0", Bundle.ACTIVE, true);
        panama = framework.bundle(8, "io.ggen.ffi.bridge.panama", "1.1.0", Bundle.ACTIVE, true);
        jna = framework.bundle(9, "io.ggen.ffi.bridge.jna", "1.1.0", Bundle.ACTIVE, true);
        python = framework.bundle(10, "io.ggen.ffi.bridge.python", "1.1.0", Bundle.RESOLVED, true);
        framework.bundle(11, "org.apache.felix.scr", "2.2.18", Bundle.ACTIVE, false);
        runtime.bridges = List.of(FakeRuntime.JS, PANAMA, JNA);
        framework.component(js, "io.ggen.ffi.bridge.js.internal.GraalJsBridge", "optional",
            new String[] {"io.ggen.ffi.bridge.js"}, ForeignBridge.class.getName(),
            Map.of(ForeignBridge.NAME, "graaljs", "service.ranking", 100));
        framework.component(panama, "io.ggen.ffi.bridge.panama.internal.PanamaCBridge", "ignore",
            new String[] {"io.ggen.ffi.bridge.panama.internal.PanamaCBridge"}, ForeignBridge.class.getName(),
            Map.of(ForeignBridge.NAME, "panama", "service.ranking", 100));
        framework.component(jna, "io.ggen.ffi.bridge.jna.internal.JnaCBridge", "optional",
            new String[] {"io.ggen.ffi.bridge.jna.internal.JnaCBridge"}, ForeignBridge.class.getName(),
            Map.of(ForeignBridge.NAME, "jna", "service.ranking", 50));
        framework.component(framework.bundle(3, "io.ggen.ffi.runtime", "1.1.0", Bundle.ACTIVE, false),
            "io.ggen.ffi.runtime.internal.ForeignRuntimeImpl", "optional", new String[] {RUNTIME_PID},
            ForeignRuntime.class.getName(), Map.of());
        management = management(Duration.ofSeconds(2));
    }

    private BridgeManagement management(Duration patience) {
        return new BridgeManagement(new Services(runtime, framework.context, () -> null, () -> null, () -> null,
            List::of, () -> framework.scr, () -> framework.configAdmin), patience);
    }

    /** The runtime re-registers a bridge with the ranking its component's configuration gives, as SCR would. */
    private void rankingsFollowConfiguration() {
        framework.onUpdate(pid -> {
            if (pid.equals("io.ggen.ffi.bridge.js")) {
                Object ranking = framework.configurations.get(pid).get("service.ranking");
                BridgeInfo js = FakeRuntime.JS;
                BridgeInfo moved = new BridgeInfo(js.language(), js.aliases(), js.name(), ranking == null ? 100 : (Integer) ranking,
                    js.bundle(), js.version(), js.capabilities(), js.description());
                List<BridgeInfo> now = new ArrayList<>(runtime.bridges);
                now.set(0, moved);
                runtime.bridges = List.copyOf(now);
            }
        });
    }

    @Test
    void aRowPerBridgeWithItsBundleAndPidThenTheStoppedBridgeBundles() {
        framework.configurations.put(RUNTIME_PID, new Hashtable<>(Map.of("isolated", "c, graalpy")));
        DefaultIsolation isolation = management.isolation();
        assertThat(isolation.entries()).containsExactly("c", "graalpy");
        List<BridgeRow> rows = management.rows(runtime.bridges, isolation);
        assertThat(rows).extracting(r -> r.bridge() == null ? null : r.bridge().name(), BridgeRow::bundleId, BridgeRow::state)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("graaljs", 7L, "ACTIVE"),
                org.assertj.core.groups.Tuple.tuple("panama", 8L, "ACTIVE"),
                org.assertj.core.groups.Tuple.tuple("jna", 9L, "ACTIVE"),
                org.assertj.core.groups.Tuple.tuple(null, 10L, "RESOLVED"));
        assertThat(rows.get(0).pid()).isEqualTo(new ComponentPid("io.ggen.ffi.bridge.js",
            "io.ggen.ffi.bridge.js.internal.GraalJsBridge", 100, null));
        assertThat(rows.get(1).pid().configurable()).isFalse();
        assertThat(rows.get(1).pid().reason()).contains("configuration-policy ignore");
        assertThat(rows.get(2).pid().pid()).isEqualTo("io.ggen.ffi.bridge.jna.internal.JnaCBridge");
        assertThat(rows.get(0).isolatedBy()).isEmpty();
        assertThat(rows.get(1).isolatedBy()).containsExactly("c");
    }

    @Test
    void aBridgeOutsideDeclarativeServicesOrWithoutScrHasNoConfigurablePid() throws Exception {
        BridgeInfo custom = new BridgeInfo("lua", List.of(), "luaj", 0, "org.acme.lua", "1.0.0", BridgeCapabilities.NONE, "");
        runtime.bridges = List.of(custom);
        framework.bundle(20, "org.acme.lua", "1.0.0", Bundle.ACTIVE, false);
        assertThat(management.rows(runtime.bridges, management.isolation()).getFirst().pid().reason())
            .contains("not a Declarative Services component");
        BridgeManagement withoutScr = new BridgeManagement(new Services(runtime, framework.context, () -> null, () -> null,
            () -> null, List::of, () -> null, () -> framework.configAdmin), Duration.ZERO);
        assertThat(withoutScr.rows(runtime.bridges, withoutScr.isolation()).getFirst().pid().reason())
            .contains("Service Component Runtime is not present");
        assertThat(withoutScr.isolation().changeable()).isFalse();
    }

    @Test
    void restartStopsAndStartsTheBundleAndSaysWhatItServes() throws Exception {
        Notice notice = management.change("7", Change.RESTART);
        assertThat(notice).isEqualTo(Notice.done("Restarted bundle io.ggen.ffi.bridge.js (was ACTIVE, now ACTIVE);"
            + " it serves bridge graaljs (javascript)"));
        verify(js).stop();
        verify(js).start();
    }

    @Test
    void stopAndStartChangeTheState() throws Exception {
        assertThat(management.change(" 8 ", Change.STOP))
            .isEqualTo(Notice.done("Stopped bundle io.ggen.ffi.bridge.panama (was ACTIVE, now RESOLVED)"));
        runtime.bridges = List.of(FakeRuntime.JS, JNA);
        assertThat(management.rows(runtime.bridges, management.isolation()))
            .anySatisfy(row -> assertThat(row.bundleId()).isEqualTo(8L)).filteredOn(row -> row.bundleId() == 8L)
            .singleElement().satisfies(row -> {
                assertThat(row.bridge()).isNull();
                assertThat(row.state()).isEqualTo("RESOLVED");
            });
        BridgeManagement impatient = management(Duration.ofMillis(100));
        assertThat(impatient.change("10", Change.START)).isEqualTo(Notice.done("Started bundle io.ggen.ffi.bridge.python"
            + " (was RESOLVED, now ACTIVE); it serves no bridge yet: reload the page in a moment"));
    }

    @Test
    void aBundleThatFailsToStartSaysWhy() throws Exception {
        doThrow(new BundleException("Unable to resolve io.ggen.ffi.bridge.python: missing requirement")).when(python).start();
        assertThat(management.change("10", Change.START)).isEqualTo(Notice.failed("Could not start bundle"
            + " io.ggen.ffi.bridge.python (was RESOLVED, now RESOLVED): Unable to resolve io.ggen.ffi.bridge.python:"
            + " missing requirement"));
    }

    @Test
    void badOrUnknownBundleIdsAndOtherBundlesAreRefusedWithoutTouchingAnything() throws Exception {
        assertThat(management.change("seven", Change.STOP))
            .isEqualTo(Notice.failed("Bad input: a bundle id is a number, not 'seven'. Nothing was done."));
        assertThat(management.change(null, Change.STOP).text()).startsWith("Bad input");
        assertThat(management.change("99", Change.STOP).text()).startsWith("No bridge bundle has the id 99");
        assertThat(management.change("11", Change.STOP).text()).as("not a bridge bundle")
            .startsWith("No bridge bundle has the id 11");
        verify(js, never()).stop();
    }

    @Test
    void aRankingIsSetInTheBridgeComponentsConfigurationKeepingItsOtherProperties() {
        rankingsFollowConfiguration();
        framework.configurations.put("io.ggen.ffi.bridge.js", new Hashtable<>(Map.of("pool.size", 4)));
        assertThat(management.setRanking("7", "graaljs", " 200 ")).isEqualTo(Notice.done("Set the ranking of the bridge"
            + " graaljs (javascript) to 200 (configuration io.ggen.ffi.bridge.js); the runtime sees it now"));
        assertThat(framework.configurations.get("io.ggen.ffi.bridge.js")).containsEntry("service.ranking", 200)
            .containsEntry("pool.size", 4);
        assertThat(runtime.bridges.getFirst().ranking()).isEqualTo(200);

        assertThat(management.setRanking("7", "graaljs", "")).isEqualTo(Notice.done("Removed the configured ranking of"
            + " the bridge graaljs (javascript) (configuration io.ggen.ffi.bridge.js): it takes its own, 100, again;"
            + " the runtime sees it now"));
        assertThat(framework.configurations.get("io.ggen.ffi.bridge.js")).doesNotContainKey("service.ranking")
            .containsEntry("pool.size", 4);
        assertThat(management.setRanking("7", "graaljs", "").text()).contains("has no configured ranking");
    }

    @Test
    void aRankingTheRuntimeDoesNotShowYetIsSaidSo() {
        assertThat(management(Duration.ofMillis(100)).setRanking("9", "jna", "-5").text()).isEqualTo("Set the ranking of"
            + " the bridge jna (c) to -5 (configuration io.ggen.ffi.bridge.jna.internal.JnaCBridge); its component"
            + " restarts with it: reload the page in a moment to see it");
        assertThat(framework.configurations.get("io.ggen.ffi.bridge.jna.internal.JnaCBridge")).containsEntry("service.ranking", -5);
    }

    @Test
    void aRankingThatCannotBeSetChangesNothing() {
        assertThat(management.setRanking("7", "graaljs", "high")).isEqualTo(Notice.failed("Bad input: a ranking is a whole"
            + " number from -2147483648 to 2147483647, e.g. 100, not 'high' (leave it empty for the bridge's own)."
            + " Nothing was changed."));
        assertThat(management.setRanking("7", "graaljs", "99999999999").text()).startsWith("Bad input");
        assertThat(management.setRanking("8", "panama", "1")).isEqualTo(Notice.failed("The ranking of the bridge panama (c)"
            + " cannot be changed here: its component io.ggen.ffi.bridge.panama.internal.PanamaCBridge ignores"
            + " configuration (configuration-policy ignore)."));
        assertThat(management.setRanking("7", "nashorn", "1").text()).startsWith("No bridge nashorn of bundle 7");
        BridgeManagement withoutConfigAdmin = new BridgeManagement(new Services(runtime, framework.context, () -> null,
            () -> null, () -> null, List::of, () -> framework.scr, () -> null), Duration.ZERO);
        assertThat(withoutConfigAdmin.setRanking("7", "graaljs", "1").text()).isEqualTo("Could not change the ranking of"
            + " the bridge graaljs (javascript) in configuration io.ggen.ffi.bridge.js: ConfigurationAdmin is not present"
            + " (the bundle org.apache.felix.configadmin is not active): nothing can be configured");
        assertThat(framework.updates).isEmpty();
    }

    @Test
    void isolatingABridgeAddsItsNameAndKeepsTheOtherProperties() {
        framework.configurations.put(RUNTIME_PID, new Hashtable<>(Map.of("hard.timeout.grace", 500L)));
        assertThat(management.setIsolated("javascript", "graaljs", true)).isEqualTo(Notice.done("Modules of the bridge"
            + " graaljs (javascript) now run isolated by default: added graaljs to isolated of configuration"
            + " io.ggen.ffi.runtime (now graaljs)"));
        assertThat(framework.configurations.get(RUNTIME_PID)).containsEntry("hard.timeout.grace", 500L);
        assertThat((String[]) framework.configurations.get(RUNTIME_PID).get("isolated")).containsExactly("graaljs");
        assertThat(management.setIsolated("javascript", "graaljs", true).text())
            .isEqualTo("Modules of the bridge graaljs (javascript) already run isolated (isolated: graaljs) by default."
                + " Nothing was changed.");
        assertThat(management.rows(runtime.bridges, management.isolation()).getFirst().isolatedBy()).containsExactly("graaljs");
    }

    @Test
    void runningABridgeInProcessRemovesEveryEntryThatCoversItAndSaysWhoElseItConcerns() {
        framework.configurations.put(RUNTIME_PID, new Hashtable<>(Map.of("isolated", new String[] {"graalpy", "C", "ffm"})));
        assertThat(management.setIsolated("c", "panama", false)).isEqualTo(Notice.done("Modules of the bridge panama (c)"
            + " now run in process by default: removed C, ffm from isolated of configuration io.ggen.ffi.runtime (now"
            + " graalpy); that applies to bridge jna (c) too"));
        assertThat((String[]) framework.configurations.get(RUNTIME_PID).get("isolated")).containsExactly("graalpy");
        assertThat(management.setIsolated("c", "panama", false).text()).isEqualTo("Modules of the bridge panama (c)"
            + " already run in process by default. Nothing was changed.");
        assertThat(management.setIsolated("cobol", "x", true).text()).startsWith("No bridge x for cobol");
    }
}
