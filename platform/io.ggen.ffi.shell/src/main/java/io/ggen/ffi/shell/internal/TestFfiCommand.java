package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.bindgen.c.CHeader;
import io.ggen.ffi.bindgen.c.CHeaderException;
import io.ggen.ffi.c.CModuleOptions;
import io.ggen.ffi.convert.json.ForeignJson;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ggen test-ffi LANGUAGE ...}: load code through a bridge, call one function, print the result. */
@Command(name = "test-ffi", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Calls one foreign function and prints its result: a string as it is, any other value as JSON.",
        "Arguments are passed in the order given; --input passes a string, --input-json a typed value."},
    footer = {"", "Examples:",
        "  ggen test-ffi javascript --code \"function test() { return 'JS works'; }\" --function test",
        "  ggen test-ffi js --file lib.js --function add --input-json 1 --input-json 2",
        "  ggen test-ffi js --code \"function hb(t, d) { return require('handlebars').compile(t)(JSON.parse(d)); }\" \\",
        "      --node-modules ./node_modules --function hb --input 'Hi {{name}}' --input '{\"name\":\"Ada\"}'",
        "  ggen test-ffi python --module test_analyzer --function analyze_code --input \"print('hello')\"",
        "  ggen test-ffi py --module ast_analyzer --python-path examples/python --function analyze --input 'x = 1'",
        "  ggen test-ffi c --library libanalyzer.so --function analyze_code --input \"int main() {}\"",
        "  ggen test-ffi c --library libc.so.6 --signature \"size_t strlen(const char* s)\" --function strlen --input hello",
        "  ggen test-ffi c --library z --header /usr/include/zlib.h --function compressBound --input-json 1000",
        "  ggen test-ffi c --bridge jna --library m --signature \"double pow(double, double)\" --function pow --input-json 2 --input-json 10",
        "  ggen test-ffi cpython --worker \"python3 examples/workers/python_pylint/pylint_worker.py\" --function lint --input 'import os'",
        "  ggen test-ffi js --file lib.js --function add --input-json 1 --input-json 2 --inspect-brk   # then chrome://inspect",
        "", ExitCodes.DESCRIPTION})
final class TestFfiCommand implements Callable<Integer> {

    /** The module option telling bridges the caller's working directory. */
    static final String WORKING_DIR_OPTION = "working-dir";

    /** The module option listing more module folders, {@link File#pathSeparator}-separated. */
    static final String PYTHON_PATH_OPTION = "python-path";

    /** The module option carrying a C function's signature. */
    static final String SIGNATURE_OPTION = "signature";

    private final ForeignRuntime runtime;
    private final BridgeWait bridgeWait;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LANGUAGE", description = "The language: javascript (js), python (py), c, go, cpython, node, rpc, wasm (webassembly), or any installed bridge's language; see 'ggen bridges'.")
    String language;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--code", paramLabel = "CODE", description = "The code, inline.")
        String code;
        @Option(names = "--file", paramLabel = "FILE", description = "Read the code from this file (WebAssembly: a .wasm binary or .wat text).")
        Path file;
        @Option(names = "--module", paramLabel = "NAME", description = "A module the bridge finds by name, first in the current directory (e.g. a Python module, a C library).")
        String module;
        @Option(names = "--library", paramLabel = "LIBRARY", description = "C: a shared library by path (./libfoo.so), file name (found in the current directory, then the platform's lib/native), loader name (libz.so.1) or short name (m, z).")
        String library;
        @Option(names = "--worker", paramLabel = "COMMAND", description = "RPC (go, cpython, node, rpc): start this worker program, e.g. \"python3 worker.py\" (split like a shell does; no shell runs).")
        String worker;
        @Option(names = "--connect", paramLabel = "HOST:PORT", description = "RPC: call a worker already listening on this TCP address.")
        String connect;
    }

    @Option(names = "--function", required = true, paramLabel = "NAME", description = "The function to call.")
    String function;

    private final List<ForeignValue> args = new ArrayList<>();

    @Option(names = "--input", paramLabel = "STRING", description = "A string argument (repeatable).")
    void input(String value) {
        args.add(ForeignValue.of(value));
    }

    @Option(names = "--input-json", paramLabel = "JSON", description = "A typed argument as JSON, e.g. 42, 1.5, true, null, [1,2], {\"a\":1}, {\"$bytes\":\"AAE=\"} (repeatable).")
    void inputJson(String json) {
        try {
            args.add(ForeignJson.parse(json));
        } catch (ForeignException e) {
            throw new ParameterException(spec.commandLine(), "--input-json '" + json + "' is not valid JSON: " + e.foreignMessage());
        }
    }

    @Option(names = "--signature", paramLabel = "C-DECLARATION", description = "C: the function's signature, e.g. \"size_t strlen(const char* s)\"; without it or --header, a C function takes strings and returns a string it allocated (freed with free).")
    String signature;

    @Option(names = "--header", paramLabel = "FILE", description = "C: take the function's signature from its declaration in this"
        + " header, read by clang (apt-get install clang); typedefs are resolved, pointers to structs are void*."
        + " A header does not say who frees a returned char*: it is copied and not freed (--option free.FUNCTION=free frees it)."
        + " --signature, when given too, wins over it.")
    Path header;

    @Option(names = "--clang-arg", paramLabel = "ARG", description = "C: an argument for clang reading --header, e.g. -I/opt/include or -DNAME=1 (repeatable).")
    List<String> clangArgs = new ArrayList<>();

    @Option(names = "--node-modules", paramLabel = "DIR", description = "JavaScript: let the code require() packages from this node_modules folder (read-only).")
    Path nodeModules;

    @Option(names = "--python-path", paramLabel = "DIR", description = "Python: also find modules in this folder (repeatable; after the current directory).")
    List<Path> pythonPath = new ArrayList<>();

    private final Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A bridge-specific module option (repeatable).")
    void option(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new ParameterException(spec.commandLine(), "--option takes KEY=VALUE, not '" + keyValue + "'");
        }
        options.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    @Option(names = "--timeout", paramLabel = "DURATION", converter = PositiveDurationConverter.class, description = "Stop loading the code, and then the call, after this long each, e.g. 500ms, 2s.")
    Duration timeout;

    @Option(names = "--bridge", paramLabel = "NAME", description = "Use this bridge (see 'ggen bridges') instead of the highest ranked one.")
    String bridge;

    @Option(names = "--isolated", description = "Run the module in an isolate: a child JVM that a crash, a runaway loop or a memory hog cannot take the platform down with (the option isolation=process; limits: --option isolation.heap=256m, isolation.cpu=SECONDS).")
    boolean isolated;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Call the function N times (on each thread, see --threads) in the one module; the result is printed once, when every call returned the same.")
    int repeat;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "Make the calls from T threads at once, --repeat calls each.")
    int threads;

    @Option(names = "--inspect", arity = "0..1", fallbackValue = "" + DebugOptions.DEFAULT_PORT, paramLabel = "PORT",
        description = "JavaScript, Python: debug the code in Chrome DevTools. GraalVM's Chrome inspector listens on"
            + " 127.0.0.1:PORT (default ${FALLBACK-VALUE}) and prints the devtools:// address to open (or use chrome://inspect);"
            + " the code runs at once, a debugger may attach while it runs. Workers: see docs/debugging.md.")
    Integer inspect;

    @Option(names = "--inspect-brk", arity = "0..1", fallbackValue = "" + DebugOptions.DEFAULT_PORT, paramLabel = "PORT",
        description = "As --inspect, but the code waits for a debugger and stops on its first line.")
    Integer inspectBrk;

    @Option(names = {"-v", "--verbose"}, description = "On failure, print the foreign stack and the Java cause.")
    boolean verbose;

    @Option(names = "--trace", description = "After the result, print the call's spans on stderr: one trace, each span with its"
        + " duration, indented by parentage (ggen, the load, the call, the bridge). Needs the tracing bundle, not an exporter.")
    boolean traced;

    TestFfiCommand(ForeignRuntime runtime, BridgeWait bridgeWait) {
        this.runtime = runtime;
        this.bridgeWait = bridgeWait;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModuleSpec module = moduleSpec();
        bridgeWait.awaitLanguage(language);
        DebugOptions debug = DebugOptions.of(spec, inspect, inspectBrk, isolated);
        if (debug != null) {
            module = debug.apply(spec, module, runtime.bridges(), language, bridge, err);
        }
        CallOptions callOptions = timeout == null ? CallOptions.DEFAULT : CallOptions.timeout(timeout);
        if (repeat < 1 || threads < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat and --threads take a number of at least 1");
        }
        CallTrace trace = traced ? CallTrace.start("ggen test-ffi " + language, err) : null;
        if (traced && trace == null) {
            return ExitCodes.USAGE;   // CallTrace said why
        }
        try (trace; ForeignModule loaded = trace == null ? runtime.load(module, callOptions) : trace.load(runtime, module, callOptions)) {
            ForeignFunction fn = loaded.function(function);
            CallOptions calls = trace == null ? callOptions : trace.callOptions(callOptions);
            ForeignValue result = repeat > 1 || threads > 1 ? repeated(fn, calls)
                : GgenCommandLine.inContainer(spec) ? interruptible(fn, calls) : fn.invoke(args, calls);
            if (result == null) {
                return ExitCodes.FOREIGN_ERROR;
            }
            out.println(result instanceof ForeignValue.StringValue s ? s.value() : ForeignJson.toDisplayJson(result));
            out.flush();
            return ExitCodes.OK;
        } catch (ForeignException e) {
            report(err, e, verbose);
            return ExitCodes.of(e);
        }
    }

    /**
     * One call that an interrupt cancels: a command run in a running container is interrupted when its
     * caller presses Ctrl-C (a one-shot run ends its whole framework instead, and calls on its own thread).
     */
    private ForeignValue interruptible(ForeignFunction fn, CallOptions callOptions) {
        CompletableFuture<ForeignValue> call = fn.invokeAsync(args, callOptions);
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw new ForeignCancellationException(language, "cancelled: the caller of ggen pressed Ctrl-C", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * {@code --repeat} calls on each of {@code --threads} threads at once: the result when they all
     * returned the same; null (having said how they differed) when not; the first failure thrown.
     */
    private ForeignValue repeated(ForeignFunction fn, CallOptions callOptions) throws InterruptedException {
        Map<ForeignValue, LongAdder> results = new ConcurrentHashMap<>();
        List<ForeignException> failures = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            callers.add(Thread.ofPlatform().name("ggen-test-ffi-" + t).start(() -> {
                for (int i = 0; i < repeat && failures.isEmpty(); i++) {
                    try {
                        results.computeIfAbsent(fn.invoke(args, callOptions), r -> new LongAdder()).increment();
                    } catch (ForeignException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        PrintWriter err = spec.commandLine().getErr();
        long calls = results.values().stream().mapToLong(LongAdder::sum).sum();
        if (!failures.isEmpty()) {
            err.println("error: " + failures.size() + " call(s) failed after " + calls + " returned; the first failure:");
            throw failures.getFirst();
        }
        if (results.size() != 1) {
            err.println("error: the " + calls + " calls returned " + results.size() + " different results: "
                + results.entrySet().stream().map(e -> ForeignJson.toDisplayJson(e.getKey()) + " (" + e.getValue().sum() + "x)")
                    .collect(java.util.stream.Collectors.joining(", ")));
            err.flush();
            return null;
        }
        err.println(calls + " calls on " + threads + " thread(s) all returned the same");
        err.flush();
        return results.keySet().iterator().next();
    }

    private ModuleSpec moduleSpec() throws Exception {
        ModuleSpec module;
        if (source.code != null) {
            module = ModuleSpec.code(language, source.code);
        } else if (source.file != null) {
            if (!Files.isReadable(source.file)) {
                throw new ParameterException(spec.commandLine(), "--file " + source.file + ": no such readable file");
            }
            module = ModuleSpec.file(language, source.file);
        } else if (source.library != null) {
            module = ModuleSpec.named(language, source.library);
        } else if (source.worker != null) {
            module = ModuleSpec.named(language, source.worker);
        } else if (source.connect != null) {
            module = ModuleSpec.named(language, "tcp://" + source.connect);
        } else {
            module = ModuleSpec.named(language, source.module);
        }
        String declaration = signature != null ? signature : headerSignature();
        if (declaration != null) {
            module = module.withOption(SIGNATURE_OPTION, declaration);
        }
        if (signature == null && header != null) {
            // a header's char* result may be the library's own (getenv, strerror): freeing it would crash
            module = module.withOption(CModuleOptions.FREE + "." + function, CModuleOptions.NO_FREE);
        }
        if (bridge != null) {
            module = module.withBridge(bridge);
        }
        if (nodeModules != null) {
            if (!Files.isDirectory(nodeModules)) {
                throw new ParameterException(spec.commandLine(), "--node-modules " + nodeModules + ": no such folder");
            }
            module = module.withOption("node-modules", nodeModules.toAbsolutePath().normalize().toString());
        }
        module = withPythonPath(spec, module, pythonPath);
        // The caller's working directory: bridges find named modules there. Bridges never read user.dir
        // themselves; in a running container it is the container's, not the caller's.
        module = module.withOption(WORKING_DIR_OPTION, GgenCommandLine.workingDir(spec).toString());
        if (isolated) {
            module = module.isolated();
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            module = module.withOption(option.getKey(), option.getValue());
        }
        return module;
    }

    /**
     * The module with the {@code --python-path} folders as its option, absolute; unchanged without any.
     *
     * @throws ParameterException a folder does not exist
     */
    static ModuleSpec withPythonPath(CommandSpec spec, ModuleSpec module, List<Path> pythonPath) {
        if (pythonPath.isEmpty()) {
            return module;
        }
        List<String> folders = new ArrayList<>();
        for (Path folder : pythonPath) {
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--python-path " + folder + ": no such folder");
            }
            folders.add(folder.toAbsolutePath().normalize().toString());
        }
        return module.withOption(PYTHON_PATH_OPTION, String.join(File.pathSeparator, folders));
    }

    /** The function's C signature as {@code --header} declares it; null without {@code --header}. */
    private String headerSignature() {
        if (header == null) {
            return null;
        }
        try {
            return CHeader.signature(header, function, clangArgs);
        } catch (CHeaderException e) {
            throw new ParameterException(spec.commandLine(), "--header " + header + ": " + e.getMessage());
        }
    }

    /** One line on stderr; with verbose, the foreign frames and the Java cause too. */
    static void report(PrintWriter err, ForeignException e, boolean verbose) {
        err.println("error: " + e.getMessage());
        if (verbose) {
            for (ForeignFrame frame : e.foreignFrames()) {
                err.println("    at " + frame);
            }
            if (e.getCause() != null) {
                err.println("caused by:");
                e.getCause().printStackTrace(err);
            }
        }
        err.flush();
    }
}
