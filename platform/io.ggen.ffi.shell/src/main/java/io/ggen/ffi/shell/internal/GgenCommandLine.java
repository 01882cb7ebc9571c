package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.GgenCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli command tree shared by the {@code ggen} command line and the Gogo commands.
 * A fresh tree per run: picocli commands hold their parsed options.
 */
final class GgenCommandLine {

    @Command(name = "ggen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "GGen FFI: call functions written in other languages from Java and the command line.",
        subcommands = CommandLine.HelpCommand.class,
        footer = {"", "Also: ggen start [--no-shell] [--port N] [--host H]  starts the container (see 'ggen start --help').",
            "While a container runs for this installation, commands run in it, saying so on",
            "stderr (no start-up to wait for); --standalone, anywhere on the line, runs one",
            "without it. status, deploy, undeploy, stop, metrics, cache and inspect need a",
            "running container.",
            "", ExitCodes.DESCRIPTION})
    static final class Top implements Runnable {
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The caller's working folder: relative paths and named modules are found there. */
        final Path workingDir;
        /** Whether the command runs in a running container, which outlives it. */
        final boolean inContainer;

        Top(Path workingDir, boolean inContainer) {
            this.workingDir = workingDir;
            this.inContainer = inContainer;
        }

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** The version of this bundle, which is the platform's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(GgenCommandLine.class);
            return new String[] {"GGen FFI " + (bundle == null ? "(not in a framework)" : bundle.getVersion()),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    /** The commands that manage the running container, and show what it gathered since it started. */
    static final Set<String> CONTAINER_COMMANDS = Set.of("status", "deploy", "undeploy", "stop", "metrics", "cache",
        "inspect");

    private final ForeignRuntime runtime;
    private final Supplier<CallMetrics> metrics;
    private final Function<String, String> bundleState;
    private final Supplier<List<GgenCommand>> contributed;
    private final boolean inContainer;

    /** The commands of a running container (its Gogo shell, its control socket). */
    GgenCommandLine(ForeignRuntime runtime, Supplier<CallMetrics> metrics, Function<String, String> bundleState,
                    Supplier<List<GgenCommand>> contributed) {
        this(runtime, metrics, bundleState, contributed, true);
    }

    /**
     * @param contributed the commands other bundles add ({@code benchmark-ffi}), after the shell's own
     * @param inContainer whether this is a running container: else the {@link #CONTAINER_COMMANDS}
     *     say that none runs (a one-shot {@code ggen} run's framework lives for one command)
     */
    GgenCommandLine(ForeignRuntime runtime, Supplier<CallMetrics> metrics, Function<String, String> bundleState,
                    Supplier<List<GgenCommand>> contributed, boolean inContainer) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.bundleState = bundleState;
        this.contributed = contributed;
        this.inContainer = inContainer;
    }

    /** The caller's working folder, as the command line was given it; the JVM's outside one. */
    static Path workingDir(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Top top ? top.workingDir : Path.of("").toAbsolutePath();
    }

    /**
     * Whether the command runs in a running container (which outlives it: an interrupt must cancel its
     * call) rather than in a one-shot run (whose framework ends with it).
     */
    static boolean inContainer(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Top top && top.inContainer;
    }

    /** A path as messages show it: relative to the caller's working folder when in it, as the caller would type it. */
    static Path shown(CommandLine.Model.CommandSpec spec, Path path) {
        Path workingDir = workingDir(spec);
        return path.isAbsolute() && path.startsWith(workingDir) ? workingDir.relativize(path) : path;
    }

    CommandLine build(PrintStream out, PrintStream err, Path workingDir) {
        CommandLine top = new CommandLine(new Top(workingDir, inContainer));
        top.addSubcommand(new CommandLine(new TestFfiCommand(runtime, new BridgeWait(runtime, Duration.ofSeconds(5))))
            .setOverwrittenOptionsAllowed(true));
        top.addSubcommand(new BridgesCommand(runtime, bundleState));
        top.addSubcommand(BindgenCommand.commandLine(runtime, new BridgeWait(runtime, Duration.ofSeconds(5))));
        top.addSubcommand(new MetricsCommand(metrics));
        top.addSubcommand(new CacheCommand(CacheCommand.fromFramework()));
        top.addSubcommand(new StatusCommand(runtime));
        top.addSubcommand(new DeployCommand());
        top.addSubcommand(new UndeployCommand());
        top.addSubcommand(new StopCommand());
        top.addSubcommand(new InspectCommand(runtime, new BridgeWait(runtime, Duration.ofSeconds(5)),
            () -> new BridgeConfigurations(Container.context())));
        for (GgenCommand command : contributed.get()) {
            top.addSubcommand(command.newCommand());
        }
        if (!workingDir.equals(Path.of("").toAbsolutePath())) {
            // a command from another folder (the control socket): its relative paths are relative to that folder
            top.registerConverter(Path.class, text -> workingDir.resolve(text));
        }
        top.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        top.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return ExitCodes.reportErrors(top);
    }

    /** Runs a command in the JVM's working folder. */
    int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Path.of("").toAbsolutePath());
    }

    int run(String[] args, PrintStream out, PrintStream err, Path workingDir) {
        CommandLine commandLine = build(out, err, workingDir);
        if (!inContainer && args.length > 0 && CONTAINER_COMMANDS.contains(args[0])
            && Arrays.stream(args).noneMatch(arg -> arg.equals("-h") || arg.equals("--help"))) {
            err.println("ggen " + args[0] + ": no container runs for " + System.getProperty("ggen.home", "this installation")
                + "; start one with 'ggen start' (this command works on a running container only)");
            err.flush();
            return ExitCodes.NO_CONTAINER;
        }
        return commandLine.execute(args);
    }
}
