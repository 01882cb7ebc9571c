package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CBinder;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
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

/**
 * The C bridge on Panama FFM ({@code java.lang.foreign}): libraries opened with
 * {@code SymbolLookup.libraryLookup}, functions called through downcall handles made once per
 * function, callbacks as upcall stubs. It also binds typed interfaces ({@link CBinder}).
 *
 * <p>A module is a library: named ({@code --library libz.so.1}, {@code --module m}) or a file
 * ({@code --file ./libfoo.so}); see {@link PanamaModule} for the options describing its functions.
 */
@Component(service = {ForeignBridge.class, CBinder.class})
@BridgeService(language = "c", name = "panama", aliases = "ffm")
@ServiceRanking(100)
public final class PanamaCBridge implements ForeignBridge, CBinder {

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(BridgeCapabilities.HANDLES);

    private final NativeMemory memory;
    private final Logger logger;
    private final Path home;
    private final PanamaLibraries libraries = new PanamaLibraries();
    private final PanamaBindings bindings = new PanamaBindings();
    private final Set<PanamaModule> modules = ConcurrentHashMap.newKeySet();

    @Activate
    public PanamaCBridge(BundleContext context, @Reference NativeMemory memory,
                         @Reference(service = LoggerFactory.class) Logger logger) {
        this(memory, logger, CLibrary.home(context::getProperty));
    }

    PanamaCBridge(NativeMemory memory, Logger logger, Path home) {
        this.memory = memory;
        this.logger = logger;
        this.home = home;
        logger.info("C bridge (Panama FFM) started; Java {}", Runtime.version());
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        CLibrary library = CLibrary.locate(spec, home);
        PanamaModule module = new PanamaModule(library, libraries.open(library), spec.options(), memory, modules::remove);
        modules.add(module);
        logger.debug("loaded {} for {}", library.loaderName(), spec);
        return module;
    }

    @Override
    public <T> T bind(MethodHandles.Lookup lookup, Class<T> api, String library) {
        CLibrary located = CLibrary.locate(library, null, home);
        return bindings.bind(lookup, api, located, libraries.open(located));
    }

    @Override
    public BridgeCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String description() {
        return "Panama FFM (java.lang.foreign), Java " + Runtime.version().feature();
    }

    /** Closes every module and turns every binding off; the loader unloads libraries nothing uses any more. */
    @Deactivate
    void deactivate() {
        List.copyOf(modules).forEach(PanamaModule::close);
        bindings.invalidateAll();
        int count = libraries.size();
        libraries.forgetAll();
        logger.info("C bridge (Panama FFM) stopped; {} libraries released", count);
    }
}
