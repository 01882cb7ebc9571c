package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.service.log.Logger;

/**
 * A loaded WebAssembly module: parsed and validated once (and compiled once, in compiler mode), with a
 * pool of instances that calls run in. The first instance is made at load, so that a module whose
 * start function or WASI {@code _initialize} fails does not load. Instances do not share memory:
 * guest state a call leaves behind is seen only by later calls that get the same instance.
 */
final class ChicoryModule implements GuestModule {

    static final String RESULT_PREFIX = "result.";
    static final String FREE_PREFIX = "free.";

    private final ModuleSpec spec;
    private final String describe;
    private final WasmModule parsed;
    private final WasmAnatomy anatomy;
    private final WasmSettings settings;
    private final Logger logger;
    private final Consumer<ChicoryModule> onClose;
    private final Function<Instance, Machine> machineFactory;
    private final MemoryConvention convention;
    private final WasmErrors errors;
    private final InstancePool pool;
    private final ChicoryLog chicoryLog;
    private final List<FunctionSignature> signatures;
    private final Map<String, ChicoryFunction> bound = new ConcurrentHashMap<>();

    /**
     * A module with no instance yet: {@link #start} makes the first.
     *
     * @throws ForeignException the module does not link, is over the memory limit, or does not compile
     */
    ChicoryModule(ModuleSpec spec, WasmModule parsed, WasmSettings settings, Logger logger,
                  Consumer<ChicoryModule> onClose) {
        this.spec = spec;
        this.describe = spec.describe();
        this.parsed = parsed;
        this.anatomy = new WasmAnatomy(parsed);
        this.settings = settings;
        this.logger = logger;
        this.onClose = onClose;
        this.chicoryLog = new ChicoryLog(logger);
        this.errors = new WasmErrors(anatomy, describe);
        anatomy.checkLinkable(settings.wasi(), describe);
        checkMemory();
        this.convention = MemoryConvention.of(anatomy, spec.options());
        this.signatures = WasmSignatures.of(anatomy, convention, spec);
        this.machineFactory = settings.execution() == WasmSettings.Execution.COMPILER ? compile() : TracingInterpreter::new;
        this.pool = new InstancePool(settings.poolSize(), this::newInstance, "the WebAssembly module " + describe);
    }

    /**
     * Makes the first instance, so that a module whose start code fails does not load; closing the
     * module meanwhile stops that start code.
     *
     * @param load the load's context: cancelling it stops the start code; or null
     * @throws ForeignException its start code fails, is stopped, or it does not instantiate
     */
    void start(CallContext load) {
        pool.release(pool.acquire(load), true);
    }

    private void checkMemory() {
        MemoryLimits limits = anatomy.memoryLimits().orElse(null);
        if (limits != null && limits.initialPages() > settings.maxPages()) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "MemoryLimit", describe + " needs "
                + limits.initialPages() + " pages of memory (" + WasmErrors.mebibytes(limits.initialPages()) + ") to start,"
                + " more than the limit of " + settings.maxPages() + " pages (" + WasmErrors.mebibytes(settings.maxPages())
                + ")" + WasmErrors.RAISE_THE_MEMORY_LIMIT);
        }
    }

    private Function<Instance, Machine> compile() {
        long start = System.nanoTime();
        try {
            Function<Instance, Machine> factory = MachineFactoryCompiler.builder(parsed)
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .compile();
            logger.debug("Compiled {} to JVM bytecode in {} ms", describe, (System.nanoTime() - start) / 1_000_000);
            return factory;
        } catch (ChicoryException | IllegalStateException | LinkageError e) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "CompileError", describe + " does not compile to"
                + " JVM bytecode: " + WasmErrors.shorten(String.valueOf(e.getMessage())) + "; load it with the module"
                + " option " + WasmSettings.EXECUTION + "=interpreter", List.of(), e);
        }
    }

    /** Makes an instance: its WASI state, its memory under the limit, its start code run under the context. */
    private PooledInstance newInstance(int slot, Runner runner, CallContext context) {
        Runner.Run run = runner.begin();
        if (context != null && context.isCancellable()) {
            context.onCancel(() -> runner.stop(run));
        }
        WasiPreview1 wasi = null;
        List<GuestOutput> outputs = List.of();
        PooledInstance made = null;
        try {
            ImportValues imports = ImportValues.empty();
            if (anatomy.importsWasi()) {
                GuestOutput stdout = new GuestOutput(line -> logger.info("{} stdout: {}", describe, line));
                GuestOutput stderr = new GuestOutput(line -> logger.warn("{} stderr: {}", describe, line));
                outputs = List.of(stdout, stderr);
                wasi = WasiPreview1.builder().withOptions(wasiOptions(stdout, stderr)).withLogger(chicoryLog).build();
                imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            }
            Instance instance = Instance.builder(parsed)
                .withMachineFactory(machineFactory)
                .withStart(false)
                .withMemoryFactory(limits -> new LimitedMemory(limits, settings.maxPages()))
                .withImportValues(imports)
                .build();
            made = new PooledInstance(slot, instance, wasi, outputs, runner, anatomy, settings.maxPages());
            if (anatomy.exports(WasmAnatomy.INITIALIZE)) {
                made.call(WasmAnatomy.INITIALIZE);
            }
        } catch (MalformedException | InvalidException | UnlinkableException | UninstantiableException e) {
            closeQuietly(wasi);
            throw WasmErrors.loading(e, describe);
        } catch (RuntimeException | StackOverflowError e) {
            closeQuietly(wasi);
            throw errors.toForeign(e, "starting an instance of " + describe, made, context, isClosed());
        } finally {
            if (runner.end(run) && made != null) {
                made.close();
                made = null;
            }
        }
        if (made == null) {
            closeQuietly(wasi);
            throw new ForeignCancellationException(ChicoryWasmBridge.LANGUAGE, "starting an instance of " + describe
                + " was stopped: it timed out or was cancelled");
        }
        return made;
    }

    private static void closeQuietly(WasiPreview1 wasi) {
        if (wasi != null) {
            wasi.close();
        }
    }

    /** No files and no environment unless configured; stdin empty; output lines to the log; the module's name as argv[0]. */
    private WasiOptions wasiOptions(GuestOutput stdout, GuestOutput stderr) {
        // stdout as a terminal: the C library then flushes each line at once, which the log shows as it comes
        WasiOptions.Builder options = WasiOptions.builder()
            .withStdout(stdout, true)
            .withStderr(stderr, true)
            .withArguments(List.of(spec.kind() == ModuleSpec.SourceKind.FILE || spec.kind() == ModuleSpec.SourceKind.NAME
                ? spec.source() : "module.wasm"));
        settings.env().forEach(options::withEnvironment);
        for (WasmSettings.WasiDir dir : settings.dirs()) {
            options.withDirectory(dir.guest(), dir.host());
        }
        return options.build();
    }

    WasmAnatomy anatomy() {
        return anatomy;
    }

    InstancePool pool() {
        return pool;
    }

    MemoryConvention convention() {
        return convention;
    }

    WasmErrors errors() {
        return errors;
    }

    WasmSettings settings() {
        return settings;
    }

    boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public Set<String> functions() {
        return new LinkedHashSet<>(anatomy.functionNames());
    }

    /** The exported functions' signatures, from their types and the memory convention's options ({@link WasmSignatures}). */
    @Override
    public List<FunctionSignature> signatures() {
        return signatures;
    }

    /** Binds an exported function; the same name gives the same function. */
    @Override
    public GuestFunction function(String name) {
        if (isClosed()) {
            throw pool.closedError();
        }
        ChicoryFunction function = bound.get(name);
        return function != null ? function : bound.computeIfAbsent(name, this::bind);
    }

    private ChicoryFunction bind(String name) {
        FunctionType type = anatomy.exportType(name).orElseThrow(() -> new NoSuchFunctionException(
            ChicoryWasmBridge.LANGUAGE, describe + " exports no function " + name + "; it exports: "
                + (anatomy.functionNames().isEmpty() ? "nothing" : String.join(", ", anatomy.functionNames()))));
        ChicoryFunction.ResultKind kind = spec.option(RESULT_PREFIX + name)
            .map(value -> ChicoryFunction.ResultKind.parse(RESULT_PREFIX + name, value))
            .orElse(ChicoryFunction.ResultKind.NUMBERS);
        String free = spec.option(FREE_PREFIX + name).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("dealloc");
        if (!free.equals("none") && !free.equals("dealloc")) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "the module option " + FREE_PREFIX + name
                + " is none (the module keeps the result) or dealloc (the bridge frees it, the default), not '" + free + "'");
        }
        return new ChicoryFunction(this, name, type, kind, free.equals("dealloc"));
    }

    /** Drops the instances; calls running now are stopped and fail. Idempotent. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            onClose.accept(this);
            logger.debug("Closed WebAssembly module {}", describe);
        }
    }

    @Override
    public String toString() {
        return "ChicoryModule[" + describe + ", " + settings.execution() + "]";
    }
}
