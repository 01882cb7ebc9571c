package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ProcessPools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pools table: a row per process under its pool, a restart button per pool. */
class PoolsSectionTest {

    private static final Forms FORMS = new Forms("/system/console/ggen-ffi", "tok");

    private static String render(List<ProcessPools> providers) {
        StringBuilder html = new StringBuilder();
        PoolsSection.render(html, providers, FORMS, FakePools.STARTED.plusSeconds(185));
        return html.toString();
    }

    @Test
    void aPoolSpansItsProcessesWithTheirFigures() {
        String html = render(List.of(new FakePools()));
        assertThat(html).contains("<tr class=\"ggen-pool\" data-kind=\"worker\" data-pool=\"w1\"><td rowspan=\"2\">worker</td>"
            + "<td rowspan=\"2\" class=\"ggen-label\"><code>python3 math_worker.py &lt;&amp;&gt;</code></td>"
            + "<td class=\"num\" rowspan=\"2\">2</td><td class=\"num\" rowspan=\"2\">3</td>"
            + "<td class=\"num ggen-pid\">4242</td><td class=\"num\">3m 05s</td><td class=\"num\">17</td>"
            + "<td class=\"num\">1</td><td class=\"num\">0</td><td rowspan=\"2\" class=\"ggen-buttons\">")
            .contains("<tr class=\"ggen-pool-process\" data-pool=\"w1\"><td class=\"num ggen-pid\">4243</td>"
                + "<td class=\"num\">1m 00s</td><td class=\"num\">3</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>")
            .contains("<input type=\"hidden\" name=\"action\" value=\"restart-pool\"/><input type=\"hidden\" name=\"kind\""
                + " value=\"worker\"/><input type=\"hidden\" name=\"pool\" value=\"w1\"/>");
    }

    @Test
    void aPoolWithoutProcessesSaysTheNextCallStartsOne() {
        assertThat(render(List.of(new FakePools()))).contains("data-kind=\"isolate\" data-pool=\"isolate-1\"><td>isolate</td>")
            .contains("<td colspan=\"5\" class=\"ggen-note\">no process runs now: the next call starts one</td>");
    }

    @Test
    void saysWhenThereIsNoServiceOrNoPool() {
        assertThat(render(List.of())).contains("id=\"ggen-pools-off\"").contains("io.ggen.ffi.bridge.rpc bundle is not active");
        ProcessPools none = new ProcessPools() {
            @Override public List<Pool> pools() { return List.of(); }
            @Override public boolean restart(String id) { return false; }
        };
        assertThat(render(List.of(none))).contains("id=\"ggen-pools-empty\"");
    }

    @Test
    void uptimeInTheLargestUnitsThatMatter() {
        assertThat(PoolsSection.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(PoolsSection.uptime(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(PoolsSection.uptime(Duration.ofMinutes(127))).isEqualTo("2h 07m");
        assertThat(PoolsSection.uptime(Duration.ofHours(76))).isEqualTo("3d 04h");
        assertThat(PoolsSection.uptime(Duration.ofSeconds(-3))).as("a clock step back").isEqualTo("0s");
    }
}
