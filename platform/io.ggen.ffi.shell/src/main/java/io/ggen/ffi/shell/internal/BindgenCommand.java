package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.bindgen.GeneratedInterface;
import io.ggen.ffi.bindgen.InterfaceWriter;
import io.ggen.ffi.bindgen.JavaNames;
import io.ggen.ffi.bindgen.TypeScriptDeclarations;
import io.ggen.ffi.bindgen.c.CBindings;
import io.ggen.ffi.bindgen.c.CHeaderException;
import io.ggen.ffi.convert.text.Durations;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ggen bindgen LANGUAGE ...}: writes a typed Java binding, one interface, for a module. C is
 * read from its header by clang; every other language's module is loaded through its bridge, which
 * tells the functions' {@link FunctionSignature signatures}; JavaScript is described by a TypeScript
 * declaration file, read by TypeScript's compiler.
 */
@Command(name = "bindgen", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a typed Java binding of a module: one interface, a method per function, bound with "
        + "ForeignModule.bind (C: CBinder). Prints the file written and how many functions it binds and skips."},
    footer = {"", "Languages and examples:",
        "  c           ggen bindgen c --header /usr/include/zlib.h --library z --package org.acme.zlib --output src/main/java",
        "  python, py  ggen bindgen python --module math_utils --python-path examples/python --package org.acme --output gen",
        "  javascript, js  ggen bindgen js --file lib.d.ts --package org.acme --output gen   (.d.ts, .ts, or .js with JSDoc)",
        "  go, cpython, node, rpc  ggen bindgen cpython --worker \"python3 worker.py\" --package org.acme --output gen",
        "  wasm        ggen bindgen wasm --file add.wasm --package org.acme --output gen",
        "", "The type mapping and what is skipped: docs/bindings.md.", "", ExitCodes.DESCRIPTION})
final class BindgenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "which language? c, python, javascript, go, cpython, node, rpc or wasm");
    }

    /** The command with a subcommand per language. */
    static CommandLine commandLine(ForeignRuntime runtime, BridgeWait bridgeWait) {
        CommandLine bindgen = new CommandLine(new BindgenCommand());
        bindgen.addSubcommand("c", new C());
        bindgen.addSubcommand("python", new Python(runtime, bridgeWait), "py");
        bindgen.addSubcommand("javascript", new JavaScript(runtime, bridgeWait), "js");
        for (String language : List.of("go", "cpython", "node", "rpc")) {
            bindgen.addSubcommand(language, new CommandLine(new Worker(runtime, bridgeWait))
                .setCommandName(language));
        }
        bindgen.addSubcommand("wasm", new Wasm(runtime, bridgeWait), "webassembly");
        return bindgen;
    }

    /** What every language takes: where the interface goes and what it is called. */
    static final class Target {
        @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "The interface's Java package, e.g. org.acme.bindings.")
        String packageName;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "The source folder to write into (as DIR/org/acme/bindings/Name.java), e.g. src/main/java.")
        Path output;

        @Option(names = "--name", paramLabel = "INTERFACE", description = "The interface's name; by default made of the module's (math_utils: MathUtils).")
        String name;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = PositiveDurationConverter.class, description = "Stop loading the module after this long, e.g. 30s.")
        Duration timeout;

        @Option(names = {"-v", "--verbose"}, description = "On failure, print the foreign stack and the Java cause.")
        boolean verbose;
    }

    /** A language whose module's bridge tells its signatures: load it, ask, write. */
    abstract static class FromBridge implements Callable<Integer> {

        private final ForeignRuntime runtime;
        private final BridgeWait bridgeWait;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        private final Map<String, String> options = new LinkedHashMap<>();

        @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A bridge-specific module option, as test-ffi takes it, e.g. env.NAME=VALUE for a worker (repeatable).")
        void option(String keyValue) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--option takes KEY=VALUE, not '" + keyValue + "'");
            }
            options.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }

        FromBridge(ForeignRuntime runtime, BridgeWait bridgeWait) {
            this.runtime = runtime;
            this.bridgeWait = bridgeWait;
        }

        /** The language, as the command was named. */
        String language() {
            return spec.name();
        }

        /** The module to load. */
        abstract ModuleSpec module();

        /** A name for the interface when --name is not given. */
        abstract String defaultName();

        /** What a user of this language can do when the bridge tells no signatures. */
        abstract String remedy();

        @Override
        public Integer call() throws Exception {
            checkPackage(spec, target);
            ModuleSpec module = module();
            for (Map.Entry<String, String> option : options.entrySet()) {
                module = module.withOption(option.getKey(), option.getValue());
            }
            PrintWriter err = spec.commandLine().getErr();
            bridgeWait.awaitLanguage(language());
            CallOptions options = target.timeout == null ? CallOptions.DEFAULT : CallOptions.timeout(target.timeout);
            List<FunctionSignature> signatures;
            String bridge;
            try (ForeignModule loaded = runtime.load(module, options)) {
                signatures = loaded.signatures();
                bridge = loaded.bridgeName();
                if (signatures.isEmpty()) {
                    err.println("error: the " + bridge + " bridge tells no signatures of " + module.describe()
                        + (loaded.functions().isEmpty() ? " (it found no functions in it)" : " (its functions: "
                            + String.join(", ", new java.util.TreeSet<>(loaded.functions())) + ")")
                        + "; " + remedy());
                    err.flush();
                    return ExitCodes.USAGE;
                }
            } catch (ForeignException e) {
                TestFfiCommand.report(err, e, target.verbose);
                return ExitCodes.of(e);
            }
            return write(spec, target, module, defaultName(), signatures);
        }
    }

    /** Writes the interface and prints what was written. */
    static int write(CommandSpec spec, Target target, ModuleSpec module, String defaultName,
                     List<FunctionSignature> signatures) {
        String command = "ggen bindgen " + module.language();
        GeneratedInterface generated;
        try {
            generated = new InterfaceWriter(target.packageName, target.name == null ? defaultName : target.name, module,
                command).write(signatures);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return written(spec, target, generated);
    }

    private static int written(CommandSpec spec, Target target, GeneratedInterface generated) {
        try {
            Path file = generated.writeTo(target.output);
            spec.commandLine().getOut().println("wrote " + GgenCommandLine.shown(spec, file) + ": " + generated.summary());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write into --output " + target.output + ": " + e);
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
    }

    /** Refuses a package name that cannot be one before anything loads. */
    static void checkPackage(CommandSpec spec, Target target) {
        try {
            JavaNames.packageName(target.packageName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--package: " + e.getMessage());
        }
    }

    /** The module option telling bridges the caller's working directory, as test-ffi gives it. */
    static ModuleSpec inWorkingDirectory(CommandSpec spec, ModuleSpec module) {
        return module.withOption(TestFfiCommand.WORKING_DIR_OPTION, GgenCommandLine.workingDir(spec).toString());
    }

    static Path readable(CommandSpec spec, String option, Path file) {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": no such readable file");
        }
        return file;
    }

    /** A measured time to a tenth of a second, the platform's way: {@code 100ms}, {@code 1.2s}, {@code 31s}. */
    static String tenths(Duration time) {
        return Durations.format(Duration.ofMillis(Math.round(time.toMillis() / 100.0) * 100));
    }

    /** {@code math_utils.py}, {@code lib.d.ts}, {@code add.wasm}: the name without its extensions. */
    static String baseName(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.indexOf('.', 1);
        return dot < 0 ? name : name.substring(0, dot);
    }

    @Command(name = "python", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Python through its bridge: the module's public functions, typed by their type hints (no hint: any).")
    static final class Python extends FromBridge {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--module", paramLabel = "NAME", description = "The module by name, found in the current directory and --python-path.")
            String module;
            @Option(names = "--file", paramLabel = "FILE", description = "The module's file.")
            Path file;
        }

        @Option(names = "--python-path", paramLabel = "DIR", description = "Also find modules in this folder (repeatable).")
        List<Path> pythonPath = new ArrayList<>();

        Python(ForeignRuntime runtime, BridgeWait bridgeWait) {
            super(runtime, bridgeWait);
        }

        @Override
        String language() {
            return "python";
        }

        @Override
        ModuleSpec module() {
            ModuleSpec module = source.file != null ? ModuleSpec.file("python", readable(spec, "--file", source.file))
                : ModuleSpec.named("python", source.module);
            return inWorkingDirectory(spec, TestFfiCommand.withPythonPath(spec, module, pythonPath));
        }

        @Override
        String defaultName() {
            return source.file != null ? baseName(source.file.toString()) : source.module.substring(source.module.lastIndexOf('.') + 1);
        }

        @Override
        String remedy() {
            return "the Python bridge reads type hints from the module's own public functions: check that they are "
                + "defined in it (not imported) and that the bridge is GGen FFI 1.1 or later ('ggen bridges')";
        }
    }

    @Command(name = "rpc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A worker process (Go, CPython, Node or any language) on a GGen worker SDK: the functions it "
            + "registers, typed as its SDK describes them in its initialize answer.")
    static final class Worker extends FromBridge {

        @Option(names = "--worker", required = true, paramLabel = "COMMAND", description = "Start this worker program, e.g. \"python3 worker.py\" (split like a shell does; no shell runs).")
        String worker;

        Worker(ForeignRuntime runtime, BridgeWait bridgeWait) {
            super(runtime, bridgeWait);
        }

        @Override
        ModuleSpec module() {
            return inWorkingDirectory(spec, ModuleSpec.named(language(), worker));
        }

        @Override
        String defaultName() {
            String[] words = worker.trim().split("\\s+");
            for (int i = words.length - 1; i >= 0; i--) {
                if (!words[i].startsWith("-") && (words[i].contains("/") || words[i].contains("."))) {
                    return baseName(words[i]);
                }
            }
            return baseName(words[0]);
        }

        @Override
        String remedy() {
            return "the worker's initialize answer has no signatures: build it on the SDK of this version (sdk/), which "
                + "describes the functions it registers, or write the interface by hand (docs/bindings.md)";
        }
    }

    @Command(name = "wasm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A WebAssembly module: its exported functions, typed by their WebAssembly types (i32: int32, "
            + "i64: int, f32: float32, f64: float).")
    static final class Wasm extends FromBridge {

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The module: a .wasm binary or .wat text.")
        Path file;

        Wasm(ForeignRuntime runtime, BridgeWait bridgeWait) {
            super(runtime, bridgeWait);
        }

        @Override
        String language() {
            return "wasm";
        }

        @Override
        ModuleSpec module() {
            return inWorkingDirectory(spec, ModuleSpec.file("wasm", readable(spec, "--file", file)));
        }

        @Override
        String defaultName() {
            return baseName(file.toString());
        }

        @Override
        String remedy() {
            return "check that the WebAssembly bridge is GGen FFI 1.1 or later ('ggen bridges')";
        }
    }

    @Command(name = "javascript", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"JavaScript described by a TypeScript declaration file (or a .ts file, or a .js file with JSDoc "
            + "types), read by TypeScript's compiler run in the JavaScript bridge. The binding loads the .js file next "
            + "to a .d.ts or .ts file.",
            "number is float; name a type int (type int = number) for int."})
    static final class JavaScript implements Callable<Integer> {

        private final ForeignRuntime runtime;
        private final BridgeWait bridgeWait;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The declarations: FILE.d.ts, FILE.ts, or FILE.js with JSDoc types.")
        Path file;

        JavaScript(ForeignRuntime runtime, BridgeWait bridgeWait) {
            this.runtime = runtime;
            this.bridgeWait = bridgeWait;
        }

        @Override
        public Integer call() throws Exception {
            checkPackage(spec, target);
            readable(spec, "--file", file);
            List<FunctionSignature> signatures;
            try (TypeScriptDeclarations typeScript = TypeScriptDeclarations.of(runtime)) {
                if (typeScript.needsJavaScriptBridge()) {
                    bridgeWait.awaitLanguage("javascript");
                }
                signatures = typeScript.read(file);
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "read %s with TypeScript %s in %s (loaded in %s)%n", file,
                    TypeScriptDeclarations.typeScriptVersion(), typeScript.engine(), tenths(typeScript.loadTime()));
                err.flush();
            } catch (ForeignException e) {
                TestFfiCommand.report(spec.commandLine().getErr(), e, target.verbose);
                return ExitCodes.of(e);
            }
            if (signatures.isEmpty()) {
                spec.commandLine().getErr().println("error: " + file + " declares no functions (TypeScript found no "
                    + "top-level function declarations or function-typed constants)");
                spec.commandLine().getErr().flush();
                return ExitCodes.USAGE;
            }
            Path module = TypeScriptDeclarations.moduleFile(file);
            return write(spec, target, ModuleSpec.file("javascript", module), baseName(module.toString()), signatures);
        }
    }

    @Command(name = "c", mixinStandardHelpOptions = true, sortOptions = false,
        description = "C from its header, read by clang (on the PATH): an interface for the C bridges' typed bindings "
            + "(CBinder), with the header's constants, enums and callback types.")
    static final class C implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(names = "--header", required = true, paramLabel = "FILE", description = "The header, e.g. /usr/include/zlib.h.")
        Path header;

        @Option(names = "--library", paramLabel = "LIBRARY", description = "The library the functions are in (./libfoo.so, libz.so.1, z); when it opens, functions it does not export are skipped.")
        String library;

        @Option(names = "--clang-arg", paramLabel = "ARG", description = "One more argument for clang, e.g. -I/opt/include or -DNAME=1 (repeatable).")
        List<String> clangArgs = new ArrayList<>();

        @Override
        public Integer call() {
            checkPackage(spec, target);
            readable(spec, "--header", header);
            GeneratedInterface generated;
            try {
                generated = CBindings.generate(header, library, target.packageName, target.name, clangArgs);
            } catch (CHeaderException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.USAGE;
            }
            return written(spec, target, generated);
        }
    }
}
