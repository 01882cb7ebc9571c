package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.CallOutcome.Returned;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML of the page: what it shows, and that every value is escaped. */
class ConsolePageTest {

    private static final String EVIL = "<script>alert('x')</script>";

    private static final CallMetrics METRICS = new CallMetrics() {
        @Override
        public List<FunctionStats> snapshot() {
            return List.of(new FunctionStats("graaljs", "<code: function test() { return 'JS works'; }>", "test", 3, 1,
                4_500, 2_000, 1), new FunctionStats("graaljs", "m", "untimed", 2, 0, 0, 0));
        }

        @Override
        public void reset() {
        }
    };

    private static String render(List<BridgeInfo> bridges, CallMetrics metrics, CallForm form, CallOutcome outcome) {
        return render(bridges, metrics, null, form, outcome);
    }

    private static String render(List<BridgeInfo> bridges, CallMetrics metrics, NativeMemoryMonitor memory, CallForm form,
                                 CallOutcome outcome) {
        return ConsolePage.render(new ConsolePage.Model(bridges, metrics, memory,
            new CallSection(form, outcome, "/system/console/ggen-ffi", "tok\"en"), null));
    }

    private static String render(CallForm form, CallOutcome outcome) {
        return render(List.of(FakeRuntime.JS), METRICS, form, outcome);
    }

    @Test
    void listsTheBridgesWithEveryColumn() {
        BridgeInfo evil = new BridgeInfo("evil", List.of("e1", "e2"), EVIL, -5, "b.evil", "2.0.0", BridgeCapabilities.NONE, EVIL);
        String html = render(List.of(FakeRuntime.JS, evil), METRICS, CallForm.empty(List.of()), null);
        assertThat(html).contains("<td>javascript</td><td>js</td><td>graaljs</td><td class=\"num\">100</td>"
            + "<td>io.ggen.ffi.bridge.js</td><td>1.0.0</td><td>cancellation, handles</td><td>GraalJS &lt;test&gt;</td>");
        assertThat(html).contains("<td>e1, e2</td>").contains("<td class=\"num\">-5</td>")
            .contains("<option value=\"javascript\">javascript (js)</option><option value=\"evil\">evil (e1, e2)</option>")
            .doesNotContain(EVIL).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void saysWhenThereAreNoBridgesOrNoMetrics() {
        String html = render(List.of(), null, CallForm.empty(List.of()), null);
        assertThat(html).contains("id=\"ggen-no-bridges\"").contains("drop a bridge bundle")
            .contains("the io.ggen.ffi.metrics bundle is not active").doesNotContain("id=\"ggen-metrics\"");
        CallMetrics none = new CallMetrics() {
            @Override public List<FunctionStats> snapshot() { return List.of(); }
            @Override public void reset() { }
        };
        assertThat(render(List.of(), none, CallForm.empty(List.of()), null)).contains("No calls yet.");
    }

    @Test
    void showsMetricsPerFunctionInMicroseconds() {
        String html = render(CallForm.empty(List.of()), null);
        assertThat(html).contains("<td><code>&lt;code: function test() { return &#39;JS works&#39;; }&gt;</code></td>"
            + "<td><code>test</code></td><td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1.5</td>"
            + "<td class=\"num\">2.0</td>");
        assertThat(html).contains("<td><code>untimed</code></td><td class=\"num\">2</td><td class=\"num\">0</td>"
            + "<td class=\"num\">0</td><td class=\"num\">–</td><td class=\"num\">–</td>");
    }

    @Test
    void theFormKeepsItsValuesEscaped() {
        CallForm form = new CallForm("javascript", "\nfunction f() { return \"</textarea>\" & 1; }", "f\"><x", "1\n\"</textarea>\"", "2s");
        String html = render(form, null);
        assertThat(html)
            .contains("<option value=\"javascript\" selected=\"selected\">javascript (js)</option>")
            .contains("placeholder=\"function test() { return &#39;JS works&#39;; }\">\n\nfunction f() { return &#34;&lt;/textarea&gt;&#34; &amp; 1; }</textarea>")
            .contains("id=\"ggen-function\" name=\"function\" placeholder=\"test\" value=\"f&#34;>&lt;x\"")
            .contains("\n1\n&#34;&lt;/textarea&gt;&#34;</textarea>")
            .contains("name=\"timeout\" value=\"2s\"")
            .contains("name=\"token\" value=\"tok&#34;en\"")
            .contains("action=\"/system/console/ggen-ffi\"")
            .doesNotContain("id=\"ggen-outcome\"");
    }

    @Test
    void aLanguageWithoutBridgeStaysSelected() {
        assertThat(render(new CallForm("cobol", "", "", "", ""), null))
            .contains("<option value=\"cobol\" selected=\"selected\">cobol (no bridge)</option>");
    }

    @Test
    void showsAReturnedValue() {
        String html = render(CallForm.empty(List.of()), new Returned("graaljs", "JS works <b>", false, 1_234));
        assertThat(html).contains("class=\"ggen-outcome ggen-returned\"").contains("(a string) in 1.2 ms through <code>graaljs</code>")
            .contains("<pre id=\"ggen-result\">JS works &lt;b&gt;</pre>");
        assertThat(render(CallForm.empty(List.of()), new Returned("graaljs", "[1, 2]", true, 7))).contains("(JSON) in 7 µs");
    }

    @Test
    void showsAnErrorWithItsTypeAndFrames() {
        Failed failed = new Failed("Foreign error", "[javascript] TypeError: " + EVIL, "TypeError",
            List.of(new ForeignFrame("test", "inline.js", 2, 9), new ForeignFrame("outer", "inline.js", 5, -1),
                new ForeignFrame(null, null, -1, -1)));
        String html = render(CallForm.empty(List.of()), failed);
        assertThat(html).contains("class=\"ggen-outcome ggen-failed\"")
            .contains("<strong id=\"ggen-error-kind\">Foreign error</strong>")
            .contains("<pre id=\"ggen-error-message\">[javascript] TypeError: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</pre>")
            .contains("<code id=\"ggen-foreign-type\">TypeError</code>")
            .contains("<li><code>test (inline.js:2:9)</code></li>\n<li><code>outer (inline.js:5)</code></li>\n"
                + "<li><code>&lt;unknown&gt; (unknown source)</code></li>")
            .doesNotContain(EVIL);
        assertThat(render(CallForm.empty(List.of()), Failed.of("Bad input", "name the function to call")))
            .doesNotContain("ggen-foreign-type").doesNotContain("ggen-frames");
    }

    @Test
    void nativeMemoryPerBundleAndTheLatestLeaksWithTheirAllocationSite() {
        NativeMemoryMonitor memory = new NativeMemoryMonitor() {
            public List<MemoryUsage> usageByBundle() {
                return List.of(new MemoryUsage("io.ggen.ffi.bridge.panama", 44, 2, 96, 10, 7, 1));
            }

            public List<LeakReport> leaks() {
                return List.of(new LeakReport("io.ggen.ffi.bridge.panama", "void* from <counter_new>", 8,
                    java.time.Instant.parse("2026-11-26T04:00:00Z"),
                    List.of(new StackTraceElement("com.example.App", "leak", "App.java", 42))));
            }

            public LeakDetection level() {
                return LeakDetection.PARANOID;
            }
        };
        String html = render(List.of(FakeRuntime.JS), METRICS, memory, CallForm.empty(List.of(FakeRuntime.JS)), null);
        assertThat(html).contains("<h2>Native memory</h2>", "id=\"ggen-memory\"", "<td>io.ggen.ffi.bridge.panama</td>",
            "<td class=\"num\">96</td>", "<code>PARANOID</code>", "void* from &lt;counter_new&gt;",
            "com.example.App.leak(App.java:42)");
        assertThat(render(List.of(FakeRuntime.JS), METRICS, null, CallForm.empty(List.of(FakeRuntime.JS)), null))
            .contains("id=\"ggen-memory-off\"");
    }
}
