package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.CallObserver;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.api.spi.Isolator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ForeignRuntime} service. Follows {@link ForeignBridge} and {@link CallInterceptor}
 * services as they come and go, and runs every call through the interceptors to the bridge.
 * Async calls run on virtual threads; timeouts are enforced by one watchdog thread, and for
 * bridges that cannot cancel by {@link HardDeadlines}. Modules whose {@link ModuleSpec#ISOLATION}
 * is {@code process} (or that the configuration isolates by default) are loaded by the
 * {@link Isolator} service in an isolate, through the bridge that would serve them in process.
 */
@Component(service = ForeignRuntime.class, configurationPid = ForeignRuntimeImpl.PID)
@Designate(ocd = RuntimeConfiguration.class)
public final class ForeignRuntimeImpl implements ForeignRuntime {

    /** The configuration PID. */
    static final String PID = "io.ggen.ffi.runtime";

    private static final CallInterceptor[] NO_INTERCEPTORS = new CallInterceptor[0];

    private final ValueConverter converter;
    private final Logger logger;
    private final BridgeRegistry registry = new BridgeRegistry();
    private final Watchdog watchdog = new Watchdog();
    private final ExecutorService async = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("ggen-ffi-async-", 0).factory());
    private final Set<RuntimeModule> modules = ConcurrentHashMap.newKeySet();
    private final Map<CallInterceptor, Integer> interceptorRanks = new ConcurrentHashMap<>();
    /** Interceptors that act only on calls with some option attributes (CallInterceptor.ATTRIBUTES). */
    private final Set<CallInterceptor> conditional = ConcurrentHashMap.newKeySet();
    private volatile CallInterceptor[] interceptors = NO_INTERCEPTORS;
    /** The interceptors for calls whose options carry no attributes: the conditional ones left out. */
    private volatile CallInterceptor[] unconditional = NO_INTERCEPTORS;
    private final Observers observers = new Observers();
    private volatile boolean stopped;
    /** Loads of named modules, to tell them apart (see {@link RuntimeModule.Binding}). */
    private final AtomicLong loads = new AtomicLong();
    private final SharedModules shared = new SharedModules();
    private final HardDeadlines hardDeadlines;
    /** Languages, aliases and bridge names isolated by default (lower case). */
    private volatile Set<String> isolatedByDefault = Set.of();
    private volatile Isolator isolator;

    @Activate
    public ForeignRuntimeImpl(@Reference ValueConverter converter,
                              @Reference(service = LoggerFactory.class) Logger logger, RuntimeConfiguration config) {
        this(converter, logger);
        modified(config);
    }

    /** Unconfigured: every module in process unless it asks, a grace of one second. */
    ForeignRuntimeImpl(ValueConverter converter, Logger logger) {
        this.converter = converter;
        this.logger = logger;
        this.hardDeadlines = new HardDeadlines(logger, Duration.ofSeconds(1));
        logger.info("GGen FFI runtime started");
    }

    @Modified
    void modified(RuntimeConfiguration config) {
        isolatedByDefault(Arrays.stream(config.isolated()).flatMap(v -> Arrays.stream(v.split(","))).toList());
        hardDeadlines.grace(Duration.ofMillis(Math.max(0, config.hard_timeout_grace())));
    }

    /** Languages, aliases or bridge names whose modules run isolated unless they say {@code isolation=none}. */
    void isolatedByDefault(List<String> names) {
        isolatedByDefault = names.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
        if (!isolatedByDefault.isEmpty()) {
            logger.info("modules of {} run isolated by default", isolatedByDefault);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void setIsolator(Isolator isolator) {
        this.isolator = isolator;
    }

    void unsetIsolator(Isolator gone) {
        if (isolator == gone) {
            isolator = null;
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        for (RuntimeModule module : List.copyOf(modules)) {
            module.close();
        }
        watchdog.close();
        hardDeadlines.close();
        async.shutdownNow();
        logger.info("GGen FFI runtime stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void addBridge(ForeignBridge bridge, ServiceReference<ForeignBridge> reference) {
        BridgeInfo info;
        try {
            info = BridgeRegistry.info(bridge, reference.getProperty(ForeignBridge.LANGUAGE),
                reference.getProperty(ForeignBridge.NAME), reference.getProperty(ForeignBridge.ALIASES),
                reference.getProperty(Constants.SERVICE_RANKING), reference.getBundle().getSymbolicName(),
                reference.getBundle().getVersion().toString());
        } catch (IllegalArgumentException e) {
            logger.warn("ignoring bridge {} from bundle {}: {}", bridge, reference.getBundle().getSymbolicName(),
                e.getMessage());
            return;
        }
        registry.add(new BridgeEntry(bridge, info, (Long) reference.getProperty(Constants.SERVICE_ID),
            reference.getBundle().getLocation()));
        logger.info("bridge {} for {} added ({} {})", info.name(), info.language(), info.bundle(), info.version());
    }

    void removeBridge(ForeignBridge bridge) {
        BridgeEntry entry = registry.remove(bridge);
        if (entry != null) {
            for (RuntimeModule module : modules) {
                module.closeIsolate(entry);   // the isolate runs that bridge's code: it goes with it
            }
            logger.info("bridge {} for {} removed", entry.name(), entry.language());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void addInterceptor(CallInterceptor interceptor, Map<String, Object> properties) {
        interceptorRanks.put(interceptor, properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0);
        if (properties.get(CallInterceptor.ATTRIBUTES) != null) {
            conditional.add(interceptor);
        }
        updateInterceptors();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void addObserver(CallObserver observer, Map<String, Object> properties) {
        observers.add(observer, properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0);
    }

    void removeObserver(CallObserver observer) {
        observers.remove(observer);
    }

    void removeInterceptor(CallInterceptor interceptor) {
        interceptorRanks.remove(interceptor);
        conditional.remove(interceptor);
        updateInterceptors();
    }

    private synchronized void updateInterceptors() {
        List<Map.Entry<CallInterceptor, Integer>> sorted = new ArrayList<>(interceptorRanks.entrySet());
        sorted.sort(Map.Entry.<CallInterceptor, Integer>comparingByValue(Comparator.reverseOrder()));
        interceptors = sorted.stream().map(Map.Entry::getKey).toArray(CallInterceptor[]::new);
        unconditional = sorted.stream().map(Map.Entry::getKey).filter(i -> !conditional.contains(i))
            .toArray(CallInterceptor[]::new);
    }

    @Override
    public List<BridgeInfo> bridges() {
        return registry.list();
    }

    @Override
    public ForeignModule load(ModuleSpec spec, CallOptions options) {
        RuntimeModule module = new RuntimeModule(this, spec, options, acquire(spec, options));
        modules.add(module);
        if (stopped) {   // deactivated meanwhile: do not leak the guest module
            module.close();
        }
        return module;
    }

    /**
     * The spec loaded through the bridge that serves it now: the module already loaded from the
     * same file (unchanged) or name through that bridge, or a new load, which the options'
     * timeout limits. Give it back with {@link #release}.
     */
    RuntimeModule.Binding acquire(ModuleSpec asked, CallOptions options) {
        BridgeEntry entry = registry.find(asked.language(), asked.bridgeName());
        ModuleSpec spec = placed(asked, entry);
        return switch (spec.kind()) {
            // the spec holds the code: the same spec, the same code; never shared (each load has its own state)
            case CODE, BYTES -> load(entry, spec, options, 0);
            // shared while the file is unchanged: its stamp names the code
            case FILE -> shared(entry, spec, options, OptionalLong.of(SourceWatch.stamp(Path.of(spec.source()))));
            // a named module's source is out of sight: shared whatever it is, every load a generation of its own
            case NAME -> shared(entry, spec, options, OptionalLong.empty());
        };
    }

    /** The module loaded through this bridge with this stamp (with any when there is none), else a new load. */
    private RuntimeModule.Binding shared(BridgeEntry entry, ModuleSpec spec, CallOptions options, OptionalLong stamp) {
        RuntimeModule.Binding joined = shared.join(entry, spec, stamp);
        if (joined != null) {
            return joined;
        }
        RuntimeModule.Binding fresh = load(entry, spec, options, stamp.orElseGet(loads::incrementAndGet));
        RuntimeModule.Binding published = shared.publish(spec, fresh);
        if (published != fresh) {
            fresh.guest().close();   // another caller loaded it meanwhile
        }
        return published;
    }

    /** Lets go of a binding; the last holder of a module closes it (unless its bridge is gone). */
    void release(RuntimeModule.Binding binding) {
        if (shared.release(binding) && !binding.bridge().isRemoved()) {
            binding.guest().close();
        }
    }

    /**
     * The spec with the isolation it runs with: its own {@code isolation} option, else
     * {@code isolation=process} when the configuration isolates its language or bridge by default.
     */
    private ModuleSpec placed(ModuleSpec spec, BridgeEntry entry) {
        String asked = spec.option(ModuleSpec.ISOLATION).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse(null);
        if (asked == null) {
            Set<String> isolated = isolatedByDefault;
            boolean byDefault = !isolated.isEmpty() && (isolated.contains(entry.name())
                || isolated.stream().anyMatch(entry::serves));
            return byDefault ? spec.isolated() : spec;
        }
        if (!asked.equals(ModuleSpec.PROCESS) && !asked.equals(ModuleSpec.IN_PROCESS)) {
            throw new ForeignArgumentException(entry.language(), "the module option isolation is '" + asked
                + "': write isolation=process (in an isolate, a child JVM of its own) or isolation=none (in process)");
        }
        return spec;
    }

    private static boolean isolated(ModuleSpec spec) {
        return spec.option(ModuleSpec.ISOLATION).map(v -> v.strip().equalsIgnoreCase(ModuleSpec.PROCESS)).orElse(false);
    }

    /**
     * Loads the spec, the interceptors around the load ({@link CallInterceptor#interceptLoad});
     * {@code generation} names the code it loads (see {@link RuntimeModule.Binding}).
     */
    private RuntimeModule.Binding load(BridgeEntry entry, ModuleSpec spec, CallOptions options, long generation) {
        return Chains.load(interceptors(options), new CallInterceptor.Load(spec, entry.info(), options),
            () -> loadThrough(entry, spec, options, generation));
    }

    private RuntimeModule.Binding loadThrough(BridgeEntry entry, ModuleSpec spec, CallOptions options, long generation) {
        CallControl control = CallControl.of(options);
        try (CallControl running = control.start(watchdog)) {
            if (!isolated(spec)) {
                return new RuntimeModule.Binding(entry, entry.bridge().load(spec, running), generation, false);
            }
            Isolator present = isolator;
            if (present == null) {
                throw new BridgeUnavailableException(entry.language(), spec.describe() + " is to run isolated"
                    + " (isolation=process), but no isolator is present: the bundle io.ggen.ffi.bridge.rpc provides"
                    + " it (put it in deploy/), or load the module with isolation=none");
            }
            GuestModule guest = present.load(spec, entry.info(), entry.location(), running);
            if (entry.isRemoved()) {   // its bridge went away during the load: no isolate outlives it
                guest.close();
                throw new BridgeUnavailableException(entry.language(), "the " + entry.name()
                    + " bridge went away while " + spec.describe() + " was loading in an isolate; load it again");
            }
            return new RuntimeModule.Binding(entry, guest, generation, true);
        } catch (RuntimeException e) {
            if (control.state() == CallControl.State.TIMED_OUT) {
                throw new ForeignTimeoutException(entry.language(), "loading " + spec.describe() + " timed out after "
                    + Durations.format(options.timeout().orElseThrow()) + "; the " + entry.name() + " bridge stopped it", e);
            }
            if (e instanceof ForeignException foreign) {
                throw foreign;
            }
            throw new ForeignException(entry.language(), e.getClass().getName(),
                "the " + entry.name() + " bridge failed to load " + spec.describe() + ": " + e.getMessage(),
                List.of(), e);
        }
    }

    void forget(RuntimeModule module) {
        modules.remove(module);
    }

    boolean isStopped() {
        return stopped;
    }

    /** Whether some interceptor sees every call, whatever its options. */
    boolean interceptsEveryCall() {
        return unconditional.length > 0;
    }

    /** The interceptors a call with these options runs through, outermost first. */
    CallInterceptor[] interceptors(CallOptions options) {
        return options.attributes().isEmpty() ? unconditional : interceptors;
    }

    Observers observers() {
        return observers;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    HardDeadlines hardDeadlines() {
        return hardDeadlines;
    }

    ValueConverter converter() {
        return converter;
    }

    void async(Runnable task) {
        async.execute(task);
    }
}
