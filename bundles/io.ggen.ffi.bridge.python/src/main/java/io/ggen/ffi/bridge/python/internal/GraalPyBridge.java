package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.ForeignArgumentException;
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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
 * The Python bridge on GraalPy: one shared {@link Engine}, a pool of sandboxed contexts per module.
 *
 * <p>Modules are named ({@code --module test_analyzer}: imported from the search path), code
 * ({@code --code}) or files ({@code --file}). The search path is the module option
 * {@value #WORKING_DIR_OPTION} (the caller's working directory), then the folders of the module
 * option {@value #PYTHON_PATH_OPTION} (a path list), then the configured {@code python.path}.
 *
 * <p>A module with the option {@value ChromeInspector#PORT_OPTION}{@code =PORT} runs on an engine of its
 * own with GraalVM's Chrome inspector on that port, in one context; it closes the engine when it closes.
 * With {@value ChromeInspector#PORT_PROPERTY} in the configuration ({@code ggen inspect python}), every
 * module it loads does, each under its own path on that port.
 */
@Component(service = ForeignBridge.class, configurationPid = GraalPyBridge.PID)
@BridgeService(language = PyErrors.LANGUAGE, name = "graalpy", aliases = "py")
@ServiceRanking(100)
@Designate(ocd = GraalPyBridgeConfiguration.class)
public final class GraalPyBridge implements ForeignBridge {

    /** The configuration PID. */
    public static final String PID = "io.ggen.ffi.bridge.python";

    /** The module option naming the caller's working directory, searched first. */
    public static final String WORKING_DIR_OPTION = "working-dir";

    /** The module option listing more module folders ({@link File#pathSeparator}-separated). */
    public static final String PYTHON_PATH_OPTION = "python-path";

    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private static final BridgeCapabilities CAPABILITIES = BridgeCapabilities.of(
        BridgeCapabilities.CANCELLATION, BridgeCapabilities.ISOLATION, BridgeCapabilities.HANDLES,
        ChromeInspector.CAPABILITY);

    private final PySettings settings;
    private final Logger logger;
    private final Engine engine;
    private final PySandbox sandbox;
    private final String description;
    private final OpenModules<PyModule> modules;
    private final Optional<ChromeInspector> inspector;

    @Activate
    public GraalPyBridge(GraalPyBridgeConfiguration config,
                         @Reference(service = LoggerFactory.class) Logger logger) {
        this(PySettings.from(config), ChromeInspector.configured(config.inspect_port(), config.inspect_suspend(), PID),
            logger);
    }

    /** For unit tests: settings made directly, any logger. */
    GraalPyBridge(PySettings settings, Logger logger) {
        this(settings, Optional.empty(), logger);
    }

    /**
     * For unit tests: settings made directly, any logger.
     *
     * @param inspector the inspector for every module, as the configuration asks for it; empty: only for
     *     modules that ask themselves
     */
    GraalPyBridge(PySettings settings, Optional<ChromeInspector> inspector, Logger logger) {
        this.settings = settings;
        this.inspector = inspector;
        this.logger = logger;
        this.modules = new OpenModules<>(PyErrors.GUEST, "GraalPy", logger);
        this.engine = PolyglotEngines.newEngine(PyErrors.LANGUAGE_ID);
        this.sandbox = new PySandbox(engine, modules, settings);
        this.description = PolyglotEngines.describe("GraalPy", engine)
            + inspector.map(i -> "; every module with the " + i.describe()).orElse("");
        logger.info("Python bridge started: {}; {} contexts per module, host access {}, IO {}, python.path {}",
            description, settings.poolSize(), onOff(settings.allowHostAccess()),
            settings.allowIo() ? "on" : "module path only", settings.pythonPath());
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
        Path workingDir = workingDir(spec);
        List<Path> searchPath = new ArrayList<>();
        String moduleName = null;
        Source source = null;
        Path file = null;
        switch (spec.kind()) {
            case NAME -> moduleName = moduleName(spec.source());
            case CODE -> source = PySources.code(spec.source());
            case FILE -> {
                file = Path.of(spec.source());
                if (!file.isAbsolute() && workingDir != null) {
                    file = workingDir.resolve(file);
                }
                file = file.toAbsolutePath().normalize();
                source = PySources.file(file, true);
                searchPath.add(file.getParent());
            }
            case BYTES -> throw new ForeignArgumentException(PyErrors.LANGUAGE, "the Python bridge loads modules"
                + " (--module), code (--code) or files (--file), not bytes");
        }
        if (workingDir != null) {
            searchPath.add(workingDir);
        }
        searchPath.addAll(pythonPath(spec));
        searchPath.addAll(settings.pythonPath());
        List<Path> path = List.copyOf(new LinkedHashSet<>(searchPath));
        String name = moduleName;
        Source code = source;
        Path sourceFile = file;
        Optional<ChromeInspector> inspected = ChromeInspector.of(spec, PyErrors.GUEST).or(() -> inspector);
        PyModule module = inspected.isPresent()
            ? loadInspected(spec, inspected.get(), (ownSandbox, single, onClose) -> new PyModule(spec, name, code,
                sourceFile, path, ownSandbox, single, logger, context, onClose))
            : modules.load(() -> new PyModule(spec, name, code, sourceFile, path, sandbox, settings, logger,
                context, modules::remove));
        logger.debug("Loaded Python module {} with functions {}", spec.describe(), module.functions());
        return module;
    }

    /** Makes a module on a sandbox, with settings and what to do when it closes. */
    private interface ModuleMaker {
        PyModule make(PySandbox sandbox, PySettings settings, Consumer<PyModule> onClose);
    }

    /**
     * A module on an engine of its own with the inspector on: one context, so a debugger sees one; the
     * engine closes with the module. Suspended, this waits until a debugger attaches and resumes.
     */
    private PyModule loadInspected(ModuleSpec spec, ChromeInspector inspector, ModuleMaker maker) {
        InspectedEngine own = inspector.open(PyErrors.GUEST, spec);
        logger.info("Python module {}: {} at {}", spec.describe(), inspector.describe(), own.devToolsAddress());
        PySettings single = settings.withPoolSize(1);
        try {
            PySandbox inspected = new PySandbox(own.engine(), modules, single);
            return modules.load(() -> maker.make(inspected, single, closed -> {
                modules.remove(closed);
                own.close();
            }));
        } catch (RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    private static String moduleName(String name) {
        String stripped = name.strip();
        if (!MODULE_NAME.matcher(stripped).matches() || stripped.endsWith(".py")) {
            String hint = stripped.endsWith(".py")
                ? "; name the module without .py (" + stripped.substring(0, stripped.length() - 3)
                    + "), or load the file with --file"
                : "; a module name is dotted identifiers, e.g. test_analyzer or tools.analyzer";
            throw new ForeignArgumentException(PyErrors.LANGUAGE, "'" + name + "' is not a Python module name" + hint);
        }
        return stripped;
    }

    private static Path workingDir(ModuleSpec spec) {
        String dir = spec.option(WORKING_DIR_OPTION).map(String::strip).orElse("");
        if (dir.isEmpty()) {
            return null;
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        // A working directory that is gone adds nothing to the search path; it is not an error.
        return Files.isDirectory(path) ? path : null;
    }

    private static List<Path> pythonPath(ModuleSpec spec) {
        String list = spec.option(PYTHON_PATH_OPTION).orElse("");
        List<Path> folders = new ArrayList<>();
        for (String folder : list.split(Pattern.quote(File.pathSeparator))) {
            if (folder.isBlank()) {
                continue;
            }
            try {
                folders.add(PySettings.folder(folder.strip()));
            } catch (IllegalArgumentException e) {
                throw new ForeignArgumentException(PyErrors.LANGUAGE, "the module option " + PYTHON_PATH_OPTION
                    + ": " + e.getMessage(), e);
            }
        }
        return folders;
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
