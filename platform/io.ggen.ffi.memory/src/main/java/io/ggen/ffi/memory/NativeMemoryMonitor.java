package io.ggen.ffi.memory;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What native memory is live and what leaked, for all bundles (shell, web console). A singleton service. */
@ProviderType
public interface NativeMemoryMonitor {

    /** Live memory and counts of each bundle that holds a {@link NativeMemory}, by bundle id. */
    List<MemoryUsage> usageByBundle();

    /** The most recent leaks (a bounded number, {@code max.leak.reports}), newest last. */
    List<LeakReport> leaks();

    /** The level leak detection runs at for blocks allocated from now on. */
    LeakDetection level();
}
