package io.ggen.ffi.memory;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A block that became unreachable without being released; the leak detector freed it.
 *
 * @param owner the symbolic name of the bundle that allocated it
 * @param kind what it was ({@link NativeBlock#typeName()})
 * @param size its size in bytes
 * @param detected when the leak detector found it
 * @param allocationSite where it was allocated, innermost frame first; empty when the {@link
 *     LeakDetection level} did not record it
 */
@ProviderType
public record LeakReport(String owner, String kind, long size, Instant detected, List<StackTraceElement> allocationSite) {

    public LeakReport {
        allocationSite = List.copyOf(allocationSite);
    }

    /** The report as one message: what leaked, whose it was, and where it was allocated when known. */
    public String message() {
        StringBuilder text = new StringBuilder("LEAK: ").append(size).append(" bytes of native memory (")
            .append(kind).append(") allocated by bundle ").append(owner).append(" was never released");
        if (allocationSite.isEmpty()) {
            text.append("; set leak.detection to ADVANCED or PARANOID (PID io.ggen.ffi.memory) to see where it was allocated");
        } else {
            text.append("; it was allocated at:");
            for (StackTraceElement frame : allocationSite) {
                text.append(System.lineSeparator()).append("\tat ").append(frame);
            }
        }
        return text.toString();
    }
}
