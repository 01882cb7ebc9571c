package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Native;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.memory.NativeMemory;
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
 * The C bridge on JNA's dynamic API: libraries opened with {@code NativeLibrary.getInstance},
 * functions called with {@code Function.invoke}, callbacks as {@code CallbackProxy}s. Same modules,
 * options and values as the Panama bridge, which ranks higher; callers pick this one by name
 * ({@code ModuleSpec.withBridge("jna")}). No typed bindings.
 *
 * <p>JNA itself (with its native part) is a boot bundle; this bundle only imports {@code com.sun.jna}.
 */
@Component(service = ForeignBridge.class)
@BridgeService(language = "c", name = "jna")
@ServiceRanking(50)
public final class JnaCBridge implements ForeignBridge {

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(BridgeCapabilities.HANDLES);

    /** The JNA the boot bundle provides (its manifest), else the one this bundle was built against. */
    private static final String JNA_VERSION = java.util.Optional.ofNullable(Native.class.getPackage().getImplementationVersion())
        .orElse(Native.VERSION);

    private final NativeMemory memory;
    private final Logger logger;
    private final Path home;
    private final JnaLibraries libraries = new JnaLibraries();
    private final Set<JnaModule> modules = ConcurrentHashMap.newKeySet();

    @Activate
    public JnaCBridge(BundleContext context, @Reference NativeMemory memory,
                      @Reference(service = LoggerFactory.class) Logger logger) {
        this(memory, logger, CLibrary.home(context::getProperty));
    }

    JnaCBridge(NativeMemory memory, Logger logger, Path home) {
        this.memory = memory;
        this.logger = logger;
        this.home = home;
        logger.info("C bridge (JNA {}) started", JNA_VERSION);
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        CLibrary library = CLibrary.locate(spec, home);
        CountedLibrary loaded = libraries.open(library);
        JnaModule module;
        try {
            module = new JnaModule(library, loaded, spec.options(), memory, modules::remove);
        } catch (RuntimeException e) {
            loaded.release();
            throw e;
        }
        modules.add(module);
        logger.debug("loaded {} for {}", library.loaderName(), spec);
        return module;
    }

    @Override
    public BridgeCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String description() {
        return "JNA " + JNA_VERSION + " (dynamic Function.invoke)";
    }

    /** Number of libraries still loaded: used by calls running now or by blocks not yet freed. */
    int openLibraries() {
        return libraries.size();
    }

    /**
     * Closes every module. A library is disposed at once when nothing else uses it, else when the
     * last call running in it returns or the last block it must free is freed.
     */
    @Deactivate
    void deactivate() {
        int count = libraries.size();
        List.copyOf(modules).forEach(JnaModule::close);
        int inUse = libraries.size();
        logger.info("C bridge (JNA) stopped; {} libraries released, {} still in use by running calls or unfreed blocks",
            count - inUse, inUse);
    }
}
