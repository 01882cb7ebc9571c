package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BundleStates;
import io.ggen.ffi.shell.command.GgenCommand;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo shell commands: {@code ffi:bridges}, {@code ffi:call} (the options of
 * {@code ggen test-ffi}), {@code ffi:metrics} and {@code ffi:benchmark} (the options of
 * {@code ggen benchmark-ffi}, a {@link GgenCommand} of {@code io.ggen.ffi.benchmark}) and
 * {@code ffi:bindgen} (those of {@code ggen bindgen}), {@code ffi:status}, {@code ffi:deploy} and
 * {@code ffi:undeploy}, {@code ffi:inspect}. Each takes {@code --help}.
 */
@Component(service = GogoCommands.class, property = {
    "osgi.command.scope=ffi",
    "osgi.command.function=bridges",
    "osgi.command.function=call",
    "osgi.command.function=metrics",
    "osgi.command.function=cache",
    "osgi.command.function=benchmark",
    "osgi.command.function=bindgen",
    "osgi.command.function=status",
    "osgi.command.function=deploy",
    "osgi.command.function=undeploy",
    "osgi.command.function=inspect"})
public final class GogoCommands {

    private final GgenCommandLine commandLine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallMetrics metrics;

    @Reference(service = GgenCommand.class, cardinality = ReferenceCardinality.MULTIPLE,
               policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<GgenCommand> commands;

    @Activate
    public GogoCommands(@Reference ForeignRuntime runtime, BundleContext context) {
        this.commandLine = new GgenCommandLine(runtime, () -> metrics, BundleStates.of(context), () -> commands);
    }

    /** Lists the bridges present. */
    public void bridges(String... args) {
        run("bridges", args);
    }

    /** Calls a foreign function: {@code ffi:call LANGUAGE --code CODE --function NAME [--input S]...}. */
    public void call(String... args) {
        run("test-ffi", args);
    }

    /** Shows call metrics. */
    public void metrics(String... args) {
        run("metrics", args);
    }

    /** Compares FFI calls with native Java: {@code ffi:benchmark [--language L] [--iterations N] [--format json] [--chart FILE]}. */
    public void benchmark(String... args) {
        run("benchmark-ffi", args);
    }

    /** Writes a typed Java binding of a module: {@code ffi:bindgen LANGUAGE ... --package PKG --output DIR}. */
    public void bindgen(String... args) {
        run("bindgen", args);
    }

    /** Shows the cache of pure functions: {@code ffi:cache [--clear]}. */
    public void cache(String... args) {
        run("cache", args);
    }

    /** Shows what the container holds: {@code ffi:status}. */
    public void status(String... args) {
        run("status", args);
    }

    /** Hot-deploys bundles and waits until they are active: {@code ffi:deploy FILE...}. */
    public void deploy(String... args) {
        run("deploy", args);
    }

    /** Removes a bundle from deploy/: {@code ffi:undeploy SYMBOLIC-NAME|FILE}. */
    public void undeploy(String... args) {
        run("undeploy", args);
    }

    /** Debugs a bridge's modules in Chrome DevTools: {@code ffi:inspect LANGUAGE [--port N] [--suspend] | --off}. */
    public void inspect(String... args) {
        run("inspect", args);
    }

    private void run(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.run(all, System.out, System.err);
    }
}
