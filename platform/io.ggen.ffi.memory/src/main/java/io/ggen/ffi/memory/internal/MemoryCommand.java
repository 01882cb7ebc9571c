package io.ggen.ffi.memory.internal;

import io.ggen.ffi.memory.LeakReport;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The Gogo command {@code ffi:memory}: live native memory per bundle, totals, the leak detection level and the latest leaks. */
@Component(service = MemoryCommand.class, property = {"osgi.command.scope=ffi", "osgi.command.function=memory"})
public final class MemoryCommand {

    /** How many of the latest leaks {@code ffi:memory} shows. */
    static final int LEAKS_SHOWN = 10;

    private final NativeMemoryMonitor monitor;

    @Activate
    public MemoryCommand(@Reference NativeMemoryMonitor monitor) {
        this.monitor = monitor;
    }

    /** Shows native memory per bundle and the latest leaks (Gogo prints what it returns). */
    public String memory() {
        StringBuilder out = new StringBuilder();
        String row = "%-40s %6s %12s %14s %10s %10s %8s%n";
        out.append(String.format(row, "bundle", "id", "live blocks", "live bytes", "allocated", "released", "leaked"));
        long blocks = 0;
        long bytes = 0;
        long leaked = 0;
        for (MemoryUsage usage : monitor.usageByBundle()) {
            out.append(String.format(row, usage.owner(), usage.bundleId(), usage.liveBlocks(), usage.liveBytes(),
                usage.allocatedBlocks(), usage.releasedBlocks(), usage.leakedBlocks()));
            blocks += usage.liveBlocks();
            bytes += usage.liveBytes();
            leaked += usage.leakedBlocks();
        }
        out.append(String.format(row, "total", "", blocks, bytes, "", "", leaked));
        out.append("Leak detection: ").append(monitor.level()).append(System.lineSeparator());
        List<LeakReport> leaks = monitor.leaks();
        if (leaks.isEmpty()) {
            out.append("No leaks reported.").append(System.lineSeparator());
        } else {
            List<LeakReport> shown = leaks.subList(Math.max(0, leaks.size() - LEAKS_SHOWN), leaks.size());
            out.append("Latest ").append(shown.size()).append(" of ").append(leaks.size()).append(" leaks kept, newest last:")
                .append(System.lineSeparator());
            for (LeakReport leak : shown) {
                out.append(leak.detected()).append(' ').append(leak.message()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
