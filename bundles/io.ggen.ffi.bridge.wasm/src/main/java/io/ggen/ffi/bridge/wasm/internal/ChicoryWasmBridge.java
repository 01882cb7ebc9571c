package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The WebAssembly bridge on Chicory, a WebAssembly runtime in pure Java embedded in this bundle: modules
 * from files, names, bytes or WebAssembly text, run by Chicory's interpreter or compiled to JVM
 * bytecode, with WASI preview 1; each module with a pool of instances. See the bundle's README for
 * the module options and the memory convention for strings and bytes.
 */
@Component(service = ForeignBridge.class, configurationPid = ChicoryWasmBridge.PID)
@BridgeService(language = ChicoryWasmBridge.LANGUAGE, name = "chicory", aliases = "webassembly")
@ServiceRanking(100)
@Designate(ocd = ChicoryWasmBridgeConfiguration.class)
public final class ChicoryWasmBridge implements ForeignBridge {

    /** The configuration PID. */
    public static final String PID = "io.ggen.ffi.bridge.wasm";

    /** The language id. */
    public static final String LANGUAGE = "wasm";

    /** The manifest header that names the embedded Chicory's version (set by bnd.bnd). */
    static final String CHICORY_VERSION_HEADER = "Chicory-Version";

    /** A capability of this bridge's own: modules may import WASI preview 1 (configuration wasi.enabled). */
    static final String WASI = "wasi";

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(BridgeCapabilities.CANCELLATION);

    private final WasmSettings settings;
    private final Logger logger;
    private final String chicoryVersion;
    private final Set<ChicoryModule> modules = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    @Activate
    public ChicoryWasmBridge(BundleContext context, ChicoryWasmBridgeConfiguration config,
                             @Reference(service = LoggerFactory.class) Logger logger) {
        this(WasmSettings.from(config), logger, context.getBundle().getHeaders().get(CHICORY_VERSION_HEADER));
    }

    /** For unit tests: settings made directly, any logger. */
    ChicoryWasmBridge(WasmSettings settings, Logger logger, String chicoryVersion) {
        this.settings = settings;
        this.logger = logger;
        this.chicoryVersion = chicoryVersion == null ? "" : " " + chicoryVersion;
        logger.info("WebAssembly bridge started: Chicory{}, {}; memory limit {} pages, WASI {}, {} instances per module",
            this.chicoryVersion, settings.execution(), settings.maxPages(), settings.wasi() ? "on" : "off",
            settings.poolSize());
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        return load(spec, null);
    }

    /** Loads the module; cancelling the context (the load's timeout) stops its start code. */
    @Override
    public GuestModule load(ModuleSpec spec, CallContext context) {
        checkRunning();
        WasmSettings moduleSettings = settings.forModule(spec.options());
        byte[] bytes = WasmSources.read(spec);
        WasmModule parsed = parse(bytes, spec.describe());
        ChicoryModule module = new ChicoryModule(spec, parsed, moduleSettings, logger, modules::remove);
        modules.add(module);   // before its start code runs: stopping the bridge stops that too
        if (stopped) {
            module.close(); // stopped while it loaded: do not leave it open
            checkRunning();
        }
        try {
            module.start(context);
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
        logger.debug("Loaded WebAssembly module {} ({}) with functions {}", spec.describe(), moduleSettings.execution(),
            module.functions());
        return module;
    }

    private static WasmModule parse(byte[] bytes, String describe) {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw WasmErrors.loading(e, describe);
        }
    }

    private void checkRunning() {
        if (stopped) {
            throw new BridgeUnavailableException(LANGUAGE, "the chicory bridge was stopped; load the module again once"
                + " a WebAssembly bridge is available");
        }
    }

    @Override
    public BridgeCapabilities capabilities() {
        return settings.wasi() ? CAPABILITIES.with(WASI) : CAPABILITIES;
    }

    @Override
    public String description() {
        return "Chicory" + chicoryVersion + " (" + (settings.execution() == WasmSettings.Execution.COMPILER
            ? "compiler to JVM bytecode" : "interpreter") + "), WASI preview 1 " + (settings.wasi() ? "on" : "off");
    }

    /** How many modules are open. */
    int openModules() {
        return modules.size();
    }

    /** Closes every module it loaded: running calls are stopped and fail. */
    @Deactivate
    void deactivate() {
        stopped = true;
        int count = modules.size();
        List.copyOf(modules).forEach(ChicoryModule::close);
        logger.info("WebAssembly bridge stopped; closed {} modules", count);
    }
}
