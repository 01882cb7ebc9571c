package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.CallMetrics;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics table with its percentiles, and a latency chart per function timed recently. */
class MetricsSectionTest {

    private static String render(CallMetrics metrics) {
        StringBuilder html = new StringBuilder();
        MetricsSection.render(html, metrics, ZoneOffset.UTC);
        return html.toString();
    }

    @Test
    void callsErrorsStuckAndLatencyPerFunctionInMicroseconds() {
        String html = render(new FakeMetrics());
        assertThat(html).contains("<td><code>&lt;code: function test() { return &#39;JS works&#39;; }&gt;</code></td>"
            + "<td><code>test</code></td><td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">1</td>"
            + "<td class=\"num\">1.5</td><td class=\"num\">1.2</td><td class=\"num\">1.9</td><td class=\"num\">2.0</td>");
        assertThat(html).contains("<td><code>untimed</code></td><td class=\"num\">2</td><td class=\"num\">0</td>"
            + "<td class=\"num\">0</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td>");
    }

    @Test
    void aChartPerTimedFunctionTheMostCalledFirst() {
        String html = render(new FakeMetrics());
        assertThat(html).contains("id=\"ggen-charts\"");
        assertThat(html.indexOf("<figure class=\"ggen-chart\" data-function=\"add\">"))
            .isPositive().isLessThan(html.indexOf("<figure class=\"ggen-chart\" data-function=\"test\">"));
        assertThat(html).doesNotContain("data-function=\"untimed\"")
            .contains("<figcaption><code>test</code> <span class=\"ggen-note\">graaljs, &lt;code: function test() {"
                + " return &#39;JS works&#39;; }&gt;</span></figcaption>");
    }

    @Test
    void saysWhenThereAreNoMetricsNoCallsOrNoRecentWindows() {
        assertThat(render(null)).contains("the io.ggen.ffi.metrics bundle is not active").doesNotContain("id=\"ggen-metrics\"");
        CallMetrics none = new CallMetrics() {
            @Override public List<FunctionStats> snapshot() { return List.of(); }
            @Override public void reset() { }
        };
        assertThat(render(none)).contains("No calls yet.");
        CallMetrics withoutLatencies = new CallMetrics() {   // a metrics bundle of API 1.0: no latencies()
            @Override public List<FunctionStats> snapshot() { return new FakeMetrics().snapshot(); }
            @Override public void reset() { }
        };
        assertThat(render(withoutLatencies)).contains("id=\"ggen-charts-empty\"").doesNotContain("<svg");
    }
}
