package io.ggen.ffi.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ggen.ffi.memory.LeakDetection;
import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryCommandTest {

    private final NativeMemoryMonitor monitor = mock(NativeMemoryMonitor.class);
    private final MemoryCommand command = new MemoryCommand(monitor);

    @Test
    void showsEachBundleTotalsLevelAndLeaksWithTheirAllocationSite() {
        when(monitor.usageByBundle()).thenReturn(List.of(
            new MemoryUsage("io.ggen.ffi.bridge.c", 12, 3, 300, 10, 6, 1),
            new MemoryUsage("x.y", 40, 2, 64, 2, 0, 0)));
        when(monitor.level()).thenReturn(LeakDetection.PARANOID);
        when(monitor.leaks()).thenReturn(List.of(new LeakReport("io.ggen.ffi.bridge.c", "char*", 64,
            Instant.parse("2026-01-02T03:04:05Z"), List.of(new StackTraceElement("a.B", "strdup", "B.java", 7)))));

        List<String> lines = command.memory().lines().toList();

        assertThat(lines.get(1)).containsSubsequence("io.ggen.ffi.bridge.c", "12", "3", "300", "10", "6", "1");
        assertThat(lines.get(3)).startsWith("total").containsSubsequence("5", "364", "1");
        assertThat(lines).contains("Leak detection: PARANOID");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2026-01-02T03:04:05Z LEAK: 64 bytes of native "
            + "memory (char*) allocated by bundle io.ggen.ffi.bridge.c was never released; it was allocated at:"));
        assertThat(lines).contains("\tat a.B.strdup(B.java:7)");
    }

    @Test
    void showsOnlyTheLatestLeaks() {
        when(monitor.level()).thenReturn(LeakDetection.SIMPLE);
        when(monitor.leaks()).thenReturn(IntStream.range(0, 15)
            .mapToObj(i -> new LeakReport("x.y", "native memory", 1000 + i, Instant.EPOCH, List.of())).toList());

        String out = command.memory();

        assertThat(out).contains("Latest 10 of 15 leaks kept", "1014 bytes", "1005 bytes").doesNotContain("1004 bytes");
    }
}
