package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.GgenCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
            "", ExitCodes.DESCRIPTION})
    static final class Top implements Runnable {
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

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

    private final ForeignRuntime runtime;
    private final Supplier<CallMetrics> metrics;
    private final Function<String, String> bundleState;
    private final Supplier<List<GgenCommand>> contributed;
    private final boolean containerCommands;

    /** The commands of the Gogo shell, which runs in a long-lived container. */
    GgenCommandLine(ForeignRuntime runtime, Supplier<CallMetrics> metrics, Function<String, String> bundleState,
                    Supplier<List<GgenCommand>> contributed) {
        this(runtime, metrics, bundleState, contributed, true);
    }

    /**
     * @param contributed the commands other bundles add ({@code benchmark-ffi}), after the shell's own
     * @param containerCommands whether to offer the commands that show figures gathered since the
     *     container started ({@code metrics}, {@code cache}): not in a one-shot {@code ggen} run,
     *     whose container lives for one command and would always show none
     */
    GgenCommandLine(ForeignRuntime runtime, Supplier<CallMetrics> metrics, Function<String, String> bundleState,
                    Supplier<List<GgenCommand>> contributed, boolean containerCommands) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.bundleState = bundleState;
        this.contributed = contributed;
        this.containerCommands = containerCommands;
    }

    CommandLine build(PrintStream out, PrintStream err) {
        CommandLine top = new CommandLine(new Top());
        top.addSubcommand(new CommandLine(new TestFfiCommand(runtime, new BridgeWait(runtime, Duration.ofSeconds(5))))
            .setOverwrittenOptionsAllowed(true));
        top.addSubcommand(new BridgesCommand(runtime, bundleState));
        top.addSubcommand(BindgenCommand.commandLine(runtime, new BridgeWait(runtime, Duration.ofSeconds(5))));
        if (containerCommands) {
            top.addSubcommand(new MetricsCommand(metrics));
            top.addSubcommand(new CacheCommand(CacheCommand.fromFramework()));
        }
        for (GgenCommand command : contributed.get()) {
            top.addSubcommand(command.newCommand());
        }
        top.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        top.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return ExitCodes.reportErrors(top);
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        return build(out, err).execute(args);
    }
}
