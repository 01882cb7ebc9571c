package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.convert.text.Durations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The RPC bridge: functions of worker programs in any language (Go, CPython, Node...), run as
 * child processes or reached over TCP, called with JSON-RPC 2.0 in LSP frames (protocol 1,
 * docs/rpc-protocol.md).
 *
 * <p>A module is {@code ModuleSpec.named(language, source)} where the source is the name of a
 * configured worker pool ({@link ConfiguredWorkerPool}), {@code tcp://HOST:PORT}, or a command
 * line split as a shell would ({@code go run .}; no shell is started). Module options:
 * {@value WorkerSettings#WORKING_DIR}, {@value WorkerSettings#POOL_SIZE},
 * {@value WorkerSettings#START_TIMEOUT}, {@value WorkerSettings#CALL_TIMEOUT} and
 * {@code env.NAME}. Modules with equal specs share their workers.
 *
 * <p>Also a {@link PoolOwner}: its pools, configured ones included, are listed by {@link RpcProcessPools}.
 */
@Component(service = {ForeignBridge.class, PoolOwner.class}, configurationPid = RpcWorkerBridge.PID)
@BridgeService(language = WorkerSettings.ANY_LANGUAGE, name = RpcWorkerBridge.NAME, aliases = {"go", "cpython", "node"})
@ServiceRanking(100)
@Designate(ocd = RpcWorkerBridgeConfiguration.class)
public final class RpcWorkerBridge implements ForeignBridge, PoolOwner {

    /** The configuration PID. */
    public static final String PID = "io.ggen.ffi.bridge.rpc";

    /** The bridge's {@code bridge.name}. */
    static final String NAME = "rpc-worker";

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(BridgeCapabilities.NATIVE_BATCHING,
        BridgeCapabilities.CANCELLATION, BridgeCapabilities.ISOLATION, BridgeCapabilities.HANDLES);

    private final WorkerDefaults defaults;
    private final Logger logger;
    private final WorkerPools pools;
    private final Map<String, ConfiguredWorkerPool> configured = new ConcurrentHashMap<>();
    private TracerTracker tracer;

    @Activate
    public RpcWorkerBridge(RpcWorkerBridgeConfiguration config,
                           @Reference(service = LoggerFactory.class) Logger logger, BundleContext context) {
        this(WorkerDefaults.from(config), logger);
        this.tracer = new TracerTracker(context, logger);
        tracer.open();
    }

    /** For unit tests: defaults made directly, any logger. */
    RpcWorkerBridge(WorkerDefaults defaults, Logger logger) {
        this.defaults = defaults;
        this.logger = logger;
        this.pools = new WorkerPools("the RPC bridge", logger);
        logger.info("RPC bridge started: protocol {}, {} worker(s) per module, start timeout {}, messages up to {} bytes",
            RpcMessages.PROTOCOL_VERSION, defaults.poolSize(), Durations.format(defaults.startTimeout()),
            defaults.maxMessageSize());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void addWorkerPool(ConfiguredWorkerPool pool) {
        ConfiguredWorkerPool before = configured.put(pool.name(), pool);
        if (before != null && before != pool) {
            logger.warn("Two worker pools are named '{}': modules use the newer one", pool.name());
        }
    }

    void removeWorkerPool(ConfiguredWorkerPool pool) {
        configured.remove(pool.name(), pool);
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        return load(spec, null);
    }

    /** Starts the worker (or finds its running pool) and asks it for its functions; bounded by the start timeout. */
    @Override
    public GuestModule load(ModuleSpec spec, CallContext context) {
        if (spec.kind() != ModuleSpec.SourceKind.NAME) {
            throw new ForeignArgumentException(spec.language(), "the RPC bridge runs worker programs: load"
                + " ModuleSpec.named(language, \"<command line>\") (ggen test-ffi LANG --worker \"go run .\"),"
                + " ModuleSpec.named(language, \"tcp://HOST:PORT\") (--connect HOST:PORT) or the name of a"
                + " configured worker pool; not " + spec.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        String name = spec.source().strip();
        ConfiguredWorkerPool pool = configured.get(name);
        if (pool != null) {
            pool.pool().start();
            pool.moduleOpened();
            return new RpcModule(() -> configuredPool(name, spec.language()), pool::moduleClosed, true);
        }
        WorkerPool shared = pools.acquire(WorkerSettings.fromSpec(spec, defaults));
        try {
            shared.start();
        } catch (RuntimeException e) {
            pools.release(shared);
            throw e;
        }
        return new RpcModule(() -> shared, () -> pools.release(shared), true);
    }

    /** The pool configured under a name now (a changed configuration replaces the pool). */
    private WorkerPool configuredPool(String name, String language) {
        ConfiguredWorkerPool pool = configured.get(name);
        if (pool == null) {
            throw new BridgeUnavailableException(language, "the worker pool '" + name + "' is not configured any more"
                + " (its configuration was removed)");
        }
        return pool.pool();
    }

    /** The pools of command lines and addresses, then the configured pools. */
    @Override
    public List<OwnedPool> ownedPools() {
        return Stream.concat(pools.list().stream(),
            configured.values().stream().map(c -> new OwnedPool(c.pool(), c.modules()))).toList();
    }

    @Override
    public BridgeCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String description() {
        return "worker processes over JSON-RPC 2.0 (LSP framing, lsp4j), protocol " + RpcMessages.PROTOCOL_VERSION;
    }

    /** Stops every worker it started (shutdown, exit, then the process tree is killed); calls in flight fail. */
    @Deactivate
    void deactivate() {
        if (tracer != null) {
            tracer.close();
        }
        pools.closeAll();
        logger.info("RPC bridge stopped");
    }
}
