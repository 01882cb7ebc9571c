package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.api.spi.Isolator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The platform's {@link Isolator}: an isolate is a child JVM, the launcher's hidden
 * {@code isolate-host} command, which boots the platform's core bundles, this bundle and the
 * bridge's bundle, loads the module through that bridge, and serves it over protocol 1 on its
 * stdin and stdout ({@link IsolateHost}). The parent side is the RPC bridge's own machinery
 * (pools, restarts, cancellation then kill, handles, batches); a crash fails the calls in flight
 * with its name ({@link IsolateCrash}) and the next call gets a new isolate.
 *
 * <p>Limits: heap and direct memory by JVM flags (the JVM exits on OutOfMemoryError, which names
 * the limit), CPU time by {@code prlimit}. The isolate gets a minimal environment, listens on no
 * port, and exits when its stdin closes: when the platform ends, even when it is killed.
 *
 * <p>Also a {@link PoolOwner}: its isolates are listed by {@link RpcProcessPools}.
 */
@Component(service = {Isolator.class, PoolOwner.class}, configurationPid = ProcessIsolator.PID)
@Designate(ocd = IsolationConfiguration.class)
public final class ProcessIsolator implements Isolator, PoolOwner {

    /** The configuration PID. */
    public static final String PID = "io.ggen.ffi.isolation";

    static final String HEAP = "isolation.heap";
    static final String DIRECT_MEMORY = "isolation.direct-memory";
    static final String CPU = "isolation.cpu";
    static final String POOL_SIZE = "isolation.pool-size";

    private static final Pattern SIZE = Pattern.compile("\\d+[kKmMgG]?");
    /** The parent's JVM flags an isolate gets too, besides {@code conf/jvm.options} (see {@link #command}). */
    private static final List<String> INHERITED_FLAGS = List.of("-XX:+UseJVMCICompiler", "-XX:-UseJVMCICompiler",
        "--add-opens", "--add-exports", "--add-modules", "-Dpolyglot.", "-Dtruffle.", "-Djava.library.path");

    private final IsolationConfiguration config;
    private final Logger logger;
    private final WorkerPools pools;
    private final Path crashLogs;
    private final AtomicLong instances = new AtomicLong();

    @Activate
    public ProcessIsolator(IsolationConfiguration config, @Reference(service = LoggerFactory.class) Logger logger) {
        this.config = config;
        this.logger = logger;
        this.pools = new WorkerPools("process isolation", logger);
        this.crashLogs = crashFolder(config.crash_folder());
        size("heap", config.heap());
        size("direct.memory", config.direct_memory());
    }

    @Override
    public GuestModule load(ModuleSpec spec, BridgeInfo bridge, String bridgeLocation, CallContext context) {
        WorkerSettings settings = settings(spec, bridge, bridgeLocation);
        WorkerPool pool = pools.acquire(settings);
        try {
            pool.start();
        } catch (RuntimeException e) {
            pools.release(pool);
            throw e;
        }
        if (settings.poolSize() > 1) {
            pool.startAllInBackground();
        }
        return new RpcModule(() -> pool, () -> pools.release(pool), false);
    }

    @Override
    public List<OwnedPool> ownedPools() {
        return pools.list();
    }

    @Override
    public String description() {
        return "child JVMs, heap " + config.heap() + ", direct memory " + config.direct_memory()
            + (config.cpu_seconds() > 0 ? ", CPU " + config.cpu_seconds() + " s" : "") + ", " + config.pool_size()
            + " per module; crash reports in " + crashLogs;
    }

    @Deactivate
    void deactivate() {
        pools.closeAll();
    }

    private WorkerSettings settings(ModuleSpec spec, BridgeInfo bridge, String bridgeLocation) {
        String heap = spec.option(HEAP).map(v -> size(HEAP, v)).orElse(config.heap());
        String directMemory = spec.option(DIRECT_MEMORY).map(v -> size(DIRECT_MEMORY, v)).orElse(config.direct_memory());
        long cpu = spec.option(CPU).map(v -> whole(CPU, v, 0)).orElse(config.cpu_seconds());
        int poolSize = spec.option(POOL_SIZE).map(v -> (int) whole(POOL_SIZE, v, 1)).orElse(config.pool_size());
        Map<String, String> options = new TreeMap<>(spec.options());
        options.keySet().removeIf(key -> key.startsWith(ModuleSpec.ISOLATION));
        options.put(ModuleSpec.ISOLATION, ModuleSpec.IN_PROCESS);   // the host loads it in its own process
        RpcMessages.ModuleParams module = new RpcMessages.ModuleParams(spec.language(), bridge.name(),
            spec.kind().name(), spec.source(), options);
        // every load its own isolates: the runtime already shares a file or named module among its callers,
        // and a load after a file changed must not get the isolate that holds the old code
        IsolateSettings isolate = new IsolateSettings(module, crashLogs, heap, directMemory, cpu,
            instances.incrementAndGet());
        List<String> command = command(isolate, bridgeLocation);
        WorkerDefaults standard = WorkerDefaults.STANDARD;
        return new WorkerSettings("isolate of " + bridge.name() + " for " + spec.describe(), bridge.language(),
            command, null, -1, null, Map.of(), poolSize, Duration.ofMillis(config.start_timeout()), Duration.ZERO,
            standard.restartMax(), standard.restartBackoff(), standard.maxMessageSize(), standard.stopGrace(),
            standard.cancelGrace(), isolate);
    }

    /**
     * {@code [prlimit --cpu=N --] java FLAGS -cp HOME/lib/* io.ggen.ffi.launcher.Main isolate-host --bundle ...}:
     * the distribution's launcher, whatever started this JVM (bin/ggen, a benchmark's embedded framework).
     */
    private List<String> command(IsolateSettings isolate, String bridgeLocation) {
        String home = System.getProperty("ggen.home");
        if (home == null || home.isBlank()) {
            throw new BridgeUnavailableException(isolate.module().language(), "isolation=process needs the GGen"
                + " distribution: an isolate is started by its launcher (bin/ggen), and this JVM was not (no ggen.home"
                + " system property). Load the module with isolation=none, or run the platform with bin/ggen");
        }
        List<String> command = new ArrayList<>();
        if (isolate.cpuSeconds() > 0) {
            command.addAll(List.of(prlimit(isolate.module().language()), "--cpu=" + isolate.cpuSeconds() + ":"
                + (isolate.cpuSeconds() + 1), "--"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the options bin/ggen gives the container, from the distribution itself: an embedded platform
        // (a test, a benchmark) may run without them, and GraalJS does not start without JVMCI
        command.addAll(jvmOptions(Path.of(home), isolate.module().language()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED_FLAGS.stream().anyMatch(flag::startsWith)) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx" + isolate.heap(), "-XX:MaxDirectMemorySize=" + isolate.directMemory(),
            "-XX:+ExitOnOutOfMemoryError", "-XX:ErrorFile=" + isolate.crashLogs().resolve("hs_err_pid%p.log"),
            "-XX:-UsePerfData", "-XX:+UseSerialGC", "-Dggen.home=" + home, "-cp", Path.of(home, "lib", "*").toString(),
            "io.ggen.ffi.launcher.Main", IsolateHost.COMMAND));
        LinkedHashSet<String> bundles = new LinkedHashSet<>();
        bundles.add(FrameworkUtil.getBundle(ProcessIsolator.class).getLocation());   // the host's own code
        bundles.add(bridgeLocation);
        for (String location : bundles) {
            command.addAll(List.of(IsolateHost.BUNDLE, location));
        }
        return command;
    }

    /** The options of every JVM the distribution starts, as bin/ggen reads them: {@code conf/jvm.options}. */
    static List<String> jvmOptions(Path home, String language) {
        Path file = home.resolve("conf").resolve("jvm.options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replace("${GGEN_HOME}", home.toString())).toList();
        } catch (IOException e) {
            throw new BridgeUnavailableException(language, "cannot start an isolate: cannot read " + file
                + " (" + e + "); the distribution at " + home + " is incomplete: install it again");
        }
    }

    private static String prlimit(String language) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "prlimit");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new BridgeUnavailableException(language, "a CPU time limit (isolation.cpu) needs prlimit (util-linux),"
            + " which is not installed: install util-linux or leave the limit out");
    }

    private Path crashFolder(String configured) {
        Path folder;
        if (!configured.isBlank()) {
            folder = Path.of(configured.strip());
        } else if (System.getProperty("ggen.home") != null) {
            folder = Path.of(System.getProperty("ggen.home"), "log", "isolates");
        } else {
            folder = Path.of(System.getProperty("java.io.tmpdir"), "ggen-isolates-" + ProcessHandle.current().pid());
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            logger.warn("Cannot create the isolates' crash report folder {}: {}", folder, e.toString());
        }
        return folder.toAbsolutePath();
    }

    private static String size(String option, String value) {
        String v = value.strip();
        if (!SIZE.matcher(v).matches()) {
            throw new ForeignArgumentException("isolation", "the " + option + " must be a size such as 256m or 2g,"
                + " not '" + value + "'");
        }
        return v;
    }

    private static long whole(String option, String value, long min) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ForeignArgumentException("isolation", "the option " + option + " must be a whole number of at"
            + " least " + min + ", not '" + value + "'");
    }
}
