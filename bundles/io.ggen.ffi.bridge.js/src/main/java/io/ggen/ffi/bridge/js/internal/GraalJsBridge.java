package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.api.spi.BridgeService;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.polyglot.ChromeInspector;
import io.ggen.ffi.polyglot.InspectedEngine;
import io.ggen.ffi.polyglot.OpenModules;
import io.ggen.ffi.polyglot.PolyglotEngines;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The JavaScript bridge on GraalJS: one shared {@link Engine} (code is parsed and compiled once for
 * all contexts), a pool of sandboxed contexts per module, cached {@link Source}s.
 *
 * <p>Modules are code ({@code --code}) or files ({@code --file}). The module option
 * {@value #NODE_MODULES_OPTION} names a {@code node_modules} folder that the module may
 * {@code require()} from (CommonJS), read-only; the configuration can give one for all modules.
 *
 * <p>A module with the option {@value ChromeInspector#PORT_OPTION}{@code =PORT} runs on an engine of its
 * own with GraalVM's Chrome inspector on that port, in one context; it closes the engine when it closes.
 * With {@value ChromeInspector#PORT_PROPERTY} in the configuration ({@code ggen inspect javascript}), every
 * module it loads does, each under its own path on that port.
 */
@Component(service = ForeignBridge.class, configurationPid = GraalJsBridge.PID)
@BridgeService(language = JsErrors.LANGUAGE, name = "graaljs", aliases = "js")
@ServiceRanking(100)
@Designate(ocd = GraalJsBridgeConfiguration.class)
public final class GraalJsBridge implements ForeignBridge {

    /** The configuration PID. */
    public static final String PID = "io.ggen.ffi.bridge.js";

    /** The module option naming the {@code node_modules} folder {@code require} reads. */
    public static final String NODE_MODULES_OPTION = "node-modules";

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(
        BridgeCapabilities.CANCELLATION, BridgeCapabilities.ISOLATION, BridgeCapabilities.HANDLES,
        ChromeInspector.CAPABILITY);

    private final JsSettings settings;
    private final Logger logger;
    private final Engine engine;
    private final JsSandbox sandbox;
    private final String description;
    private final OpenModules<JsModule> modules;
    private final Optional<ChromeInspector> inspector;

    @Activate
    public GraalJsBridge(GraalJsBridgeConfiguration config,
                         @Reference(service = LoggerFactory.class) Logger logger) {
        this(JsSettings.from(config), ChromeInspector.configured(config.inspect_port(), config.inspect_suspend(), PID),
            logger);
    }

    /** For unit tests: settings made directly, any logger. */
    GraalJsBridge(JsSettings settings, Logger logger) {
        this(settings, Optional.empty(), logger);
    }

    /**
     * For unit tests: settings made directly, any logger.
     *
     * @param inspector the inspector for every module, as the configuration asks for it; empty: only for
     *     modules that ask themselves
     */
    GraalJsBridge(JsSettings settings, Optional<ChromeInspector> inspector, Logger logger) {
        this.settings = settings;
        this.inspector = inspector;
        this.logger = logger;
        this.modules = new OpenModules<>(JsErrors.GUEST, "GraalJS", logger);
        // the polyglot class loader as context class loader: the engine neither misses the languages nor keeps ours
        this.engine = PolyglotEngines.newEngine(JsErrors.LANGUAGE_ID);
        this.sandbox = new JsSandbox(engine, modules, settings);
        this.description = PolyglotEngines.describe("GraalJS", engine)
            + inspector.map(i -> "; every module with the " + i.describe()).orElse("");
        logger.info("JavaScript bridge started: {}; {} contexts per module, host access {}, IO {}, require {}",
            description, settings.poolSize(), onOff(settings.allowHostAccess()), onOff(settings.allowIo()),
            settings.nodeModules() == null ? "per module" : "from " + settings.nodeModules());
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        return load(spec, null);
    }

    /** Loads the module; cancelling the context (the load's timeout) stops its top-level code. */
    @Override
    public GuestModule load(ModuleSpec spec, CallContext context) {
        modules.checkOpen();
        Source source = source(spec);
        Path nodeModules = nodeModules(spec);
        Optional<ChromeInspector> inspected = ChromeInspector.of(spec, JsErrors.GUEST).or(() -> inspector);
        JsModule module = inspected.isPresent()
            ? loadInspected(spec, source, nodeModules, context, inspected.get())
            : modules.load(() -> new JsModule(spec, source, sandbox, nodeModules, settings, logger, context,
                modules::remove));
        logger.debug("Loaded JavaScript module {} with functions {}", spec.describe(), module.functions());
        return module;
    }

    /**
     * A module on an engine of its own with the inspector on: one context, so a debugger sees one; the
     * engine closes with the module. Suspended, this waits until a debugger attaches and resumes.
     */
    private JsModule loadInspected(ModuleSpec spec, Source source, Path nodeModules, CallContext context,
                                   ChromeInspector inspector) {
        InspectedEngine own = inspector.open(JsErrors.GUEST, spec);
        logger.info("JavaScript module {}: {} at {}", spec.describe(), inspector.describe(), own.devToolsAddress());
        JsSettings single = settings.withPoolSize(1);
        try {
            JsSandbox inspected = new JsSandbox(own.engine(), modules, single);
            return modules.load(() -> new JsModule(spec, source, inspected, nodeModules, single, logger, context,
                closed -> {
                    modules.remove(closed);
                    own.close();
                }));
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    private static Source source(ModuleSpec spec) {
        return switch (spec.kind()) {
            case CODE -> Source.newBuilder(JsErrors.LANGUAGE_ID, spec.source(), "inline.js").cached(true).buildLiteral();
            case FILE -> file(Path.of(spec.source()));
            case NAME -> throw new ForeignArgumentException(JsErrors.LANGUAGE, "the JavaScript bridge loads code"
                + " (--code) or files (--file), not named modules like '" + spec.source() + "'; to use an npm"
                + " package, require() it from code with the " + NODE_MODULES_OPTION + " option");
            case BYTES -> throw new ForeignArgumentException(JsErrors.LANGUAGE, "the JavaScript bridge loads code"
                + " (--code) or files (--file), not bytes");
        };
    }

    private static Source file(Path file) {
        try {
            // Named after the file, so that stack frames read file:line.
            return Source.newBuilder(JsErrors.LANGUAGE_ID, file.toFile()).cached(true).build();
        } catch (NoSuchFileException e) {
            throw new ForeignException(JsErrors.LANGUAGE, "FileNotFound", "no JavaScript file " + file,
                List.of(), e);
        } catch (IOException e) {
            throw new ForeignException(JsErrors.LANGUAGE, "IOError", "cannot read the JavaScript file " + file
                + ": " + e, List.of(), e);
        }
    }

    private Path nodeModules(ModuleSpec spec) {
        String folder = spec.option(NODE_MODULES_OPTION).map(String::strip).orElse("");
        if (folder.isEmpty()) {
            return settings.nodeModules();
        }
        try {
            return JsSettings.nodeModulesFolder(folder);
        } catch (IllegalArgumentException e) {
            throw new ForeignArgumentException(JsErrors.LANGUAGE, "the module option " + NODE_MODULES_OPTION + ": "
                + e.getMessage(), e);
        }
    }

    @Override
    public BridgeCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String description() {
        return description;
    }

    /** Closes every module it loaded (running calls end with an error), then the engine. */
    @Deactivate
    void deactivate() {
        modules.close(engine);
    }
}
