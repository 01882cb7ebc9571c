package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ffi:cache}: the figures of the cache of pure functions, and a way to empty it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "Shows the cache of pure functions (calls made with cache.pure=true): entries, hits, misses, "
        + "evictions, mean load time.")
final class CacheCommand implements Callable<Integer> {

    private final Supplier<CallCache> cache;

    @Spec
    CommandSpec spec;

    @Option(names = "--clear", description = "Forget every memoized result first.")
    boolean clear;

    CacheCommand(Supplier<CallCache> cache) {
        this.cache = cache;
    }

    /** The {@link CallCache} service of the framework this bundle runs in, looked up on each run. */
    static Supplier<CallCache> fromFramework() {
        return () -> {
            Bundle bundle = FrameworkUtil.getBundle(CacheCommand.class);
            BundleContext context = bundle == null ? null : bundle.getBundleContext();
            ServiceReference<CallCache> reference = context == null ? null : context.getServiceReference(CallCache.class);
            if (reference == null) {
                return null;
            }
            CallCache service = context.getService(reference);
            context.ungetService(reference);   // the figures are read at once; nothing is kept
            return service;
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CallCache current = cache.get();
        if (current == null) {
            out.println("no cache: the io.ggen.ffi.cache bundle is not active");
            out.flush();
            return ExitCodes.OK;
        }
        if (clear) {
            current.invalidateAll();
        }
        CallCache.Stats s = current.stats();
        TextTable.print(out,
            List.of("ENTRIES", "MAX", "HITS", "MISSES", "HIT_RATE", "BYPASSED", "EVICTIONS", "INVALIDATED", "MEAN_LOAD_US"),
            List.of(List.of(Long.toString(s.entries()), Long.toString(s.maxEntries()), Long.toString(s.hits()),
                Long.toString(s.misses()), String.format(Locale.ROOT, "%.1f%%", s.hitRate() * 100),
                Long.toString(s.bypassed()), Long.toString(s.evictions()), Long.toString(s.invalidations()),
                String.format(Locale.ROOT, "%.1f", s.meanLoadNanos() / 1000))));
        return ExitCodes.OK;
    }
}
