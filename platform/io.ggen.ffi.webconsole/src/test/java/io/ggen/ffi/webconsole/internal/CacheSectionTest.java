package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.CallCache;
import org.junit.jupiter.api.Test;

/** The cache's figures and its entries per function, each with a button to clear it. */
class CacheSectionTest {

    private static final Forms FORMS = new Forms("/system/console/ggen-ffi", "tok");

    private static String render(CallCache cache) {
        StringBuilder html = new StringBuilder();
        CacheSection.render(html, cache, FORMS);
        return html.toString();
    }

    @Test
    void theFiguresAndAClearAllButton() {
        assertThat(render(new FakeCache())).contains("<td class=\"num\">4</td><td class=\"num\">10000</td><td class=\"num\">30</td>"
            + "<td class=\"num\">10</td><td class=\"num\">75.0%</td><td class=\"num\">2</td><td class=\"num\">0</td>"
            + "<td class=\"num\">5</td><td class=\"num\">2.5</td>").contains("data-action=\"clear-cache\">Clear all</button>");
    }

    @Test
    void aRowPerFunctionWithAButtonThatNamesItsBridgeModuleAndFunction() {
        String html = render(new FakeCache());
        assertThat(html).contains("<tr data-function=\"add\"><td>graaljs</td><td><code>&lt;code: function add(a, b) {"
            + " return a + b; }&gt;</code></td><td><code>add</code></td><td class=\"num\">3</td>")
            .contains("<input type=\"hidden\" name=\"action\" value=\"clear-function\"/><input type=\"hidden\" name=\"bridge\""
                + " value=\"graaljs\"/><input type=\"hidden\" name=\"function\" value=\"add\"/><input type=\"hidden\""
                + " name=\"module\" value=\"&lt;code: function add(a, b) { return a + b; }>\"/>")
            .contains("<code>&lt;code: greet &amp; more&gt;</code>");
    }

    @Test
    void saysWhenThereIsNoCacheOrNothingInIt() {
        assertThat(render(null)).contains("id=\"ggen-cache-off\"");
        FakeCache empty = new FakeCache();
        empty.invalidateAll();
        assertThat(render(empty)).contains("id=\"ggen-cache-functions-empty\"").doesNotContain("id=\"ggen-cache-functions\"")
            .contains("<td class=\"num\">0</td><td class=\"num\">10000</td>");
    }
}
