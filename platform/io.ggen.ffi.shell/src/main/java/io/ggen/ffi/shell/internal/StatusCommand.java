package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.convert.text.Durations;
import io.ggen.ffi.memory.MemoryUsage;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import io.ggen.ffi.shell.command.BundleStates;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.TextTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ggen status}: what the running container holds: bundles, bridges, worker pools and isolates, memory, cache. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows the running container: its process, bundles and their states, bridges, worker pools and"
        + " isolates (processes, calls), native memory and leaks, the cache.",
        "Works on a running container only ('ggen start')."})
final class StatusCommand implements Callable<Integer> {

    private final ForeignRuntime runtime;

    @Spec
    CommandSpec spec;

    StatusCommand(ForeignRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BundleContext context = Container.context();
        container(out);
        bundles(out, context);
        bridges(out, context);
        pools(out);
        memory(out);
        cache(out);
        out.flush();
        return ExitCodes.OK;
    }

    private static void container(PrintWriter out) {
        ProcessHandle self = ProcessHandle.current();
        Duration up = self.info().startInstant().map(start -> Duration.between(start, Instant.now())).orElse(Duration.ZERO);
        Runtime jvm = Runtime.getRuntime();
        out.printf(Locale.ROOT, "container: pid %d, up %s, home %s, Java heap %s used of %s%n", self.pid(), uptime(up),
            System.getProperty("ggen.home", "?"), megabytes(jvm.totalMemory() - jvm.freeMemory()), megabytes(jvm.maxMemory()));
    }

    private static void bundles(PrintWriter out, BundleContext context) {
        Map<String, Integer> byState = new TreeMap<>();
        List<List<String>> notActive = new ArrayList<>();
        List<List<String>> deployed = new ArrayList<>();
        Path deployDir = Container.deployDir(context);
        for (Bundle bundle : context.getBundles()) {
            String state = BundleStates.name(bundle.getState());
            byState.merge(state, 1, Integer::sum);
            List<String> row = List.of(String.valueOf(bundle.getSymbolicName()), bundle.getVersion().toString(), state);
            if (bundle.getLocation().contains(deployDir.toString())) {
                deployed.add(row);
            } else if (bundle.getState() != Bundle.ACTIVE && bundle.getBundleId() != 0) {
                notActive.add(row);
            }
        }
        out.println();
        out.println("bundles: " + byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .reduce((a, b) -> a + ", " + b).orElse("none"));
        if (!deployed.isEmpty()) {
            out.println("deployed from " + deployDir + ":");
            TextTable.print(out, List.of("BUNDLE", "VERSION", "STATE"), deployed);
        }
        if (!notActive.isEmpty()) {
            out.println("not active (boot/):");
            TextTable.print(out, List.of("BUNDLE", "VERSION", "STATE"), notActive);
        }
    }

    private void bridges(PrintWriter out, BundleContext context) {
        List<BridgeInfo> bridges = runtime.bridges();
        out.println();
        if (bridges.isEmpty()) {
            out.println("bridges: none (put bridge bundles in deploy/)");
            return;
        }
        out.println("bridges:");
        Function<String, String> state = BundleStates.of(context);
        TextTable.print(out, List.of("LANGUAGE", "NAME", "RANKING", "BUNDLE", "STATE"), bridges.stream()
            .map(b -> List.of(b.language(), b.name(), Integer.toString(b.ranking()), b.bundle(), state.apply(b.bundle())))
            .toList());
    }

    private static void pools(PrintWriter out) {
        out.println();
        var service = Container.service(ProcessPools.class);
        if (service.isEmpty()) {
            out.println("worker pools and isolates: unknown (the io.ggen.ffi.bridge.rpc bundle is not active)");
            return;
        }
        List<ProcessPools.Pool> pools = service.get().pools();
        if (pools.isEmpty()) {
            out.println("worker pools and isolates: none running");
            return;
        }
        out.println("worker pools and isolates:");
        Instant now = Instant.now();
        for (ProcessPools.Pool pool : pools) {
            out.printf(Locale.ROOT, "  %s (%s): %d of %d processes, %d module(s): %s%n", pool.id(), pool.kind(),
                pool.processes().size(), pool.size(), pool.modules(), pool.label());
            if (!pool.processes().isEmpty()) {
                TextTable.print(out, List.of("  PID", "UP", "CALLS", "IN_FLIGHT", "RESTARTS"), pool.processes().stream()
                    .map(p -> List.of("  " + (p.pid() < 0 ? "tcp" : Long.toString(p.pid())),
                        uptime(Duration.between(p.started(), now)), Long.toString(p.calls()), Integer.toString(p.inFlight()),
                        Long.toString(p.restarts())))
                    .toList());
            }
        }
    }

    private static void memory(PrintWriter out) {
        out.println();
        var service = Container.service(NativeMemoryMonitor.class);
        if (service.isEmpty()) {
            out.println("native memory: unknown (the io.ggen.ffi.memory bundle is not active)");
            return;
        }
        List<MemoryUsage> usage = service.get().usageByBundle();
        long live = usage.stream().mapToLong(MemoryUsage::liveBytes).sum();
        long blocks = usage.stream().mapToLong(MemoryUsage::liveBlocks).sum();
        out.println("native memory: " + blocks + " blocks, " + live + " bytes live in " + usage.size() + " bundle(s); "
            + service.get().leaks().size() + " leak(s) reported");
    }

    private static void cache(PrintWriter out) {
        out.println();
        var service = Container.service(CallCache.class);
        if (service.isEmpty()) {
            out.println("cache: none (the io.ggen.ffi.cache bundle is not active)");
            return;
        }
        CallCache.Stats s = service.get().stats();
        out.printf(Locale.ROOT, "cache: %d of %d entries, %d hits, %d misses (%.1f%% hits), %d evicted, %d invalidated%n",
            s.entries(), s.maxEntries(), s.hits(), s.misses(), s.hitRate() * 100, s.evictions(), s.invalidations());
    }

    static String uptime(Duration up) {
        return Durations.format(up.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
