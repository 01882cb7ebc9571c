package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native memory per bundle and the latest leaks. */
class MemorySectionTest {

    private static String render(NativeMemoryMonitor memory) {
        StringBuilder html = new StringBuilder();
        MemorySection.render(html, memory);
        return html.toString();
    }

    @Test
    void nativeMemoryPerBundleAndTheLatestLeaksWithTheirAllocationSite() {
        NativeMemoryMonitor memory = new NativeMemoryMonitor() {
            public List<MemoryUsage> usageByBundle() {
                return List.of(new MemoryUsage("io.ggen.ffi.bridge.panama", 44, 2, 96, 10, 7, 1));
            }

            public List<LeakReport> leaks() {
                return List.of(new LeakReport("io.ggen.ffi.bridge.panama", "void* from <counter_new>", 8,
                    Instant.parse("2026-11-26T04:00:00Z"), List.of(new StackTraceElement("com.example.App", "leak", "App.java", 42))));
            }

            public LeakDetection level() {
                return LeakDetection.PARANOID;
            }
        };
        assertThat(render(memory)).contains("id=\"ggen-memory\"", "<td>io.ggen.ffi.bridge.panama</td>",
            "<td class=\"num\">96</td>", "<code>PARANOID</code>", "void* from &lt;counter_new&gt;",
            "com.example.App.leak(App.java:42)", "1 leak(s) reported");
    }

    @Test
    void saysWhenTheMemoryBundleIsNotActive() {
        assertThat(render(null)).contains("id=\"ggen-memory-off\"");
    }
}
