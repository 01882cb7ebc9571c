package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.CallOutcome.Returned;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Try a call" form and the outcome it shows: values kept and escaped. */
class CallSectionTest {

    private static final String EVIL = "<script>alert('x')</script>";

    private static String render(List<BridgeInfo> bridges, CallForm form, CallOutcome outcome) {
        StringBuilder html = new StringBuilder();
        new CallSection(form, outcome, "/system/console/ggen-ffi", "tok\"en").render(html, bridges);
        return html.toString();
    }

    private static String render(CallForm form, CallOutcome outcome) {
        return render(List.of(FakeRuntime.JS), form, outcome);
    }

    @Test
    void offersTheLanguagesOfTheBridgesEscaped() {
        BridgeInfo evil = new BridgeInfo("evil", List.of("e1", "e2"), EVIL, -5, "b.evil", "2.0.0", BridgeCapabilities.NONE, EVIL);
        assertThat(render(List.of(FakeRuntime.JS, evil), CallForm.empty(List.of()), null))
            .contains("<option value=\"javascript\">javascript (js)</option><option value=\"evil\">evil (e1, e2)</option>");
    }

    @Test
    void theFormKeepsItsValuesEscaped() {
        CallForm form = new CallForm("javascript", "\nfunction f() { return \"</textarea>\" & 1; }", "f\"><x", "1\n\"</textarea>\"",
            "2s", false, true);
        String html = render(form, null);
        assertThat(html)
            .contains("<option value=\"javascript\" selected=\"selected\">javascript (js)</option>")
            .contains("placeholder=\"function test() { return &#39;JS works&#39;; }\">\n\nfunction f() { return &#34;&lt;/textarea&gt;&#34; &amp; 1; }</textarea>")
            .contains("id=\"ggen-function\" name=\"function\" placeholder=\"test\" value=\"f&#34;>&lt;x\"")
            .contains("\n1\n&#34;&lt;/textarea&gt;&#34;</textarea>")
            .contains("name=\"timeout\" value=\"2s\"")
            .contains("name=\"token\" value=\"tok&#34;en\"")
            .contains("action=\"/system/console/ggen-ffi\"")
            .contains("<input type=\"checkbox\" id=\"ggen-isolated\" name=\"isolated\"/>")
            .contains("<input type=\"checkbox\" id=\"ggen-pure\" name=\"pure\" checked/>")
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
            .contains("<pre id=\"ggen-result\">JS works &lt;b&gt;</pre>").doesNotContain("ggen-pure-note");
        assertThat(render(CallForm.empty(List.of()), new Returned("graaljs", "[1, 2]", true, 7))).contains("(JSON) in 7 µs");
        CallForm pure = new CallForm("javascript", "", "add", "", "5s", false, true);
        assertThat(render(pure, new Returned("graaljs", "3", true, 7))).contains("id=\"ggen-pure-note\"");
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
}
