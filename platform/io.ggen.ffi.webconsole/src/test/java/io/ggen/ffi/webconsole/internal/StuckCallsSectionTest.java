package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.CallMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functions with stuck calls, from the metrics. */
class StuckCallsSectionTest {

    private static String render(CallMetrics metrics) {
        StringBuilder html = new StringBuilder();
        StuckCallsSection.render(html, metrics);
        return html.toString();
    }

    @Test
    void listsOnlyTheFunctionsWithStuckCallsAndTheTotal() {
        String html = render(new FakeMetrics());
        assertThat(html).contains("<p class=\"statline ui-state-error\" id=\"ggen-stuck-total\">1 stuck call since the"
            + " container started.</p>").contains("<td><code>test</code></td><td class=\"num\">1</td><td class=\"num\">3</td>")
            .doesNotContain("<code>add</code>");
    }

    @Test
    void saysWhenThereAreNoneOrNoMetrics() {
        CallMetrics calm = new CallMetrics() {
            @Override public List<FunctionStats> snapshot() { return List.of(new FunctionStats("b", "m", "f", 5, 0, 10, 3)); }
            @Override public void reset() { }
        };
        assertThat(render(calm)).contains("id=\"ggen-stuck-none\"").doesNotContain("id=\"ggen-stuck\"");
        assertThat(render(null)).contains("id=\"ggen-stuck-off\"");
    }
}
