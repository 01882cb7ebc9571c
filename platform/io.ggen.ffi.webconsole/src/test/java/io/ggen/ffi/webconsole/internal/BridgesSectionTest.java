package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Bridges table: every column escaped, the ranking form or why there is none, the isolation and bundle buttons. */
class BridgesSectionTest {

    private static final String EVIL = "<script>alert('x')</script>";
    private static final Forms FORMS = new Forms("/system/console/ggen-ffi", "tok");
    private static final ComponentPid JS_PID = new ComponentPid("io.ggen.ffi.bridge.js", "GraalJsBridge", 100, null);
    private static final DefaultIsolation ISOLATION = new DefaultIsolation(
        new ComponentPid("io.ggen.ffi.runtime", "ForeignRuntimeImpl", 0, null), List.of("js"), null);

    private static String render(List<BridgeRow> rows, DefaultIsolation isolation) {
        StringBuilder html = new StringBuilder();
        BridgesSection.render(html, rows, isolation, FORMS);
        return html.toString();
    }

    private static BridgeRow js(List<String> isolatedBy) {
        return new BridgeRow(FakeRuntime.JS, 7, "io.ggen.ffi.bridge.js", "1.0.0", "ACTIVE", JS_PID, isolatedBy);
    }

    @Test
    void aBridgeRowWithEveryColumn() {
        String html = render(List.of(js(List.of())), ISOLATION);
        assertThat(html).contains("<tr data-bundle=\"io.ggen.ffi.bridge.js\" data-bridge=\"graaljs\" data-language=\"javascript\">"
            + "<td>javascript</td><td>js</td><td>graaljs</td><td class=\"num ggen-nowrap\"><span class=\"ggen-ranking\">100</span> ")
            .contains("<td>io.ggen.ffi.bridge.js</td><td>1.0.0</td><td class=\"ggen-state\">ACTIVE</td>"
                + "<td>cancellation, handles</td><td>GraalJS &lt;test&gt;</td>");
    }

    @Test
    void theRankingFormPostsTheBundleAndBridgeWithTheToken() {
        assertThat(render(List.of(js(List.of())), ISOLATION)).contains("<form class=\"ggen-action\" method=\"post\""
            + " accept-charset=\"UTF-8\" action=\"/system/console/ggen-ffi\"><input type=\"hidden\" name=\"token\" value=\"tok\"/>"
            + "<input type=\"hidden\" name=\"action\" value=\"set-ranking\"/><input type=\"hidden\" name=\"bridge\" value=\"graaljs\"/>"
            + "<input type=\"hidden\" name=\"bundle\" value=\"7\"/><input type=\"text\" class=\"ggen-mono\" size=\"5\""
            + " name=\"ranking\" value=\"100\" title=\"service.ranking in configuration io.ggen.ffi.bridge.js; empty: the"
            + " bridge&#39;s own, 100\"/> <button type=\"submit\" class=\"ui-state-default ui-corner-all\""
            + " data-action=\"set-ranking\">Set</button></form>");
    }

    @Test
    void aBridgeWithoutConfigurablePidSaysWhyInsteadOfAForm() {
        BridgeRow fixed = new BridgeRow(FakeRuntime.JS, 7, "io.ggen.ffi.bridge.js", "1.0.0", "ACTIVE",
            ComponentPid.none("not a Declarative Services component <x>"), List.of());
        assertThat(render(List.of(fixed), ISOLATION))
            .contains("<div class=\"ggen-note ggen-fixed\">fixed: not a Declarative Services component &lt;x&gt;</div>")
            .doesNotContain("set-ranking");
    }

    @Test
    void theIsolationCellSaysWhatCoversTheBridgeAndOffersTheOpposite() {
        String isolated = render(List.of(js(List.of("js"))), ISOLATION);
        assertThat(isolated).contains("<td class=\"ggen-isolation\" data-isolated=\"true\">yes <span class=\"ggen-note\">(js)</span>")
            .contains("name=\"isolated\" value=\"false\"").contains(">Run in process</button>")
            .contains("<input type=\"hidden\" name=\"bridge-language\" value=\"javascript\"/>")
            .contains("configuration <code>io.ggen.ffi.runtime</code>");
        assertThat(render(List.of(js(List.of())), ISOLATION)).contains("data-isolated=\"false\">no ")
            .contains("name=\"isolated\" value=\"true\"").contains(">Isolate</button>");
        DefaultIsolation unchangeable = new DefaultIsolation(ComponentPid.none("no SCR"), List.of(), "no SCR");
        assertThat(render(List.of(js(List.of())), unchangeable)).doesNotContain("set-isolation")
            .contains("It cannot be changed here: no SCR.");
    }

    @Test
    void anActiveBundleCanBeStoppedOrRestartedAStoppedOneStarted() {
        assertThat(render(List.of(js(List.of())), ISOLATION)).contains("data-action=\"stop-bundle\">Stop</button>")
            .contains("data-action=\"restart-bundle\">Restart</button>").doesNotContain("data-action=\"start-bundle\"");
        BridgeRow stopped = new BridgeRow(null, 7, "io.ggen.ffi.bridge.js", "1.0.0", "RESOLVED", null, List.of());
        String html = render(List.of(stopped), ISOLATION);
        assertThat(html).contains("<tr data-bundle=\"io.ggen.ffi.bridge.js\"><td>–</td>")
            .contains("<td class=\"ggen-state\">RESOLVED</td>").contains("serves no bridge now: start the bundle")
            .contains("<input type=\"hidden\" name=\"bundle\" value=\"7\"/>")
            .contains("data-action=\"start-bundle\">Start</button>").doesNotContain("data-action=\"stop-bundle\"");
    }

    @Test
    void everyValueIsEscaped() {
        BridgeInfo evil = new BridgeInfo("evil", List.of("e1", "e2"), EVIL, -5, "b.evil", "2.0.0", BridgeCapabilities.NONE, EVIL);
        String html = render(List.of(new BridgeRow(evil, 3, EVIL, "2.0.0", "ACTIVE",
            new ComponentPid(EVIL, EVIL, 0, null), List.of(EVIL))), ISOLATION);
        assertThat(html).doesNotContain(EVIL).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
            .contains("<td>e1, e2</td>").contains("<span class=\"ggen-ranking\">-5</span>");
    }

    @Test
    void saysWhenThereAreNoBridges() {
        assertThat(render(List.of(), ISOLATION)).contains("id=\"ggen-no-bridges\"").contains("drop a bridge bundle");
    }
}
