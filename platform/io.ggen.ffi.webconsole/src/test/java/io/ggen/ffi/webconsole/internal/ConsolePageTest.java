package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.webconsole.internal.ConsolePage.Section;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** The page around the sections: the notice at the top, the links, and a failing section kept to its place. */
class ConsolePageTest {

    private static final String EVIL = "<script>alert('x')</script>";

    private final Logger logger = mock(Logger.class);

    private final List<Section> sections = List.of(
        new Section("ggen-section-a", "First <a>", html -> html.append("<p>one</p>\n")),
        new Section("ggen-section-b", "Second", html -> html.append("<p>two</p>\n")));

    @Test
    void aNoticeIsEscapedAtTheTopAndSaysWhetherItFailed() {
        String done = ConsolePage.render(Notice.done("Cleared 3 cached results of " + EVIL), sections, logger);
        assertThat(done).contains("<p class=\"statline ui-state-highlight\" id=\"ggen-notice\" data-failed=\"false\">"
            + "Cleared 3 cached results of &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>").doesNotContain(EVIL);
        assertThat(done.indexOf("id=\"ggen-notice\"")).isLessThan(done.indexOf("<h2"));
        assertThat(ConsolePage.render(Notice.failed("No pool"), sections, logger))
            .contains("<p class=\"statline ui-state-error\" id=\"ggen-notice\" data-failed=\"true\">No pool</p>");
        assertThat(ConsolePage.render(null, sections, logger)).doesNotContain("id=\"ggen-notice\"");
    }

    @Test
    void linksToEverySectionThenTheSectionsInOrder() {
        String html = ConsolePage.render(null, sections, logger);
        assertThat(html).contains("<p class=\"ggen-nav\"><a href=\"#ggen-section-a\">First &lt;a&gt;</a>"
            + "<a href=\"#ggen-section-b\">Second</a></p>")
            .contains("<h2 id=\"ggen-section-a\">First &lt;a&gt;</h2>\n<p>one</p>\n<h2 id=\"ggen-section-b\">Second</h2>\n<p>two</p>");
    }

    @Test
    void aSectionThatFailsSaysSoAndTheOthersAreShown() {
        List<Section> failing = List.of(
            new Section("ggen-section-a", "Metrics", html -> {
                html.append("<table><tr>half written");
                throw new IllegalStateException("service gone <now>");
            }),
            sections.get(1));
        String html = ConsolePage.render(null, failing, logger);
        assertThat(html).contains("This section could not be shown: java.lang.IllegalStateException: service gone &lt;now&gt;")
            .doesNotContain("half written").contains("<p>two</p>");
    }
}
