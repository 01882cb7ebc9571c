package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The services the page reads and acts on. The optional ones are suppliers of the service as it is
 * now: {@code null} (or an empty list) while it is absent.
 *
 * @param runtime the runtime: its bridges, and the calls of the form
 * @param context the console plugin's bundle context: the bridges' bundles
 * @param metrics call metrics ({@code io.ggen.ffi.metrics})
 * @param memory native memory and leaks ({@code io.ggen.ffi.memory})
 * @param cache the cache of pure functions ({@code io.ggen.ffi.cache})
 * @param pools the providers of worker pools and isolates ({@code io.ggen.ffi.bridge.rpc})
 * @param components Service Component Runtime: the configuration PIDs of the bridges and the runtime
 * @param configurations ConfigurationAdmin: rankings and default isolation are changed through it
 */
record Services(ForeignRuntime runtime, BundleContext context, Supplier<CallMetrics> metrics,
                Supplier<NativeMemoryMonitor> memory, Supplier<CallCache> cache, Supplier<List<ProcessPools>> pools,
                Supplier<ServiceComponentRuntime> components, Supplier<ConfigurationAdmin> configurations) {

    Services {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(context, "context");
    }

    /** The providers of pools present now, never {@code null}. */
    List<ProcessPools> poolProviders() {
        List<ProcessPools> present = pools.get();
        return present == null ? List.of() : present;
    }
}
