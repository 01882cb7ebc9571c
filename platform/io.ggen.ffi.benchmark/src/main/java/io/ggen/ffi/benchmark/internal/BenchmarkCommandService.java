package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.BundleStates;
import io.ggen.ffi.shell.command.GgenCommand;
import java.time.Duration;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Contributes {@code ggen benchmark-ffi} to the shell's command line (and so {@code ffi:benchmark}
 * to Gogo): a fresh {@link BenchmarkFfiCommand} per run.
 */
@Component
public final class BenchmarkCommandService implements GgenCommand {

    /** How long a run waits for the bridges asked for to start (a one-shot run starts them with the command). */
    private static final Duration BRIDGE_PATIENCE = Duration.ofSeconds(5);

    private final ForeignRuntime runtime;
    private final Function<String, String> bundleState;

    @Activate
    public BenchmarkCommandService(@Reference ForeignRuntime runtime, BundleContext context) {
        this(runtime, BundleStates.of(context));
    }

    BenchmarkCommandService(ForeignRuntime runtime, Function<String, String> bundleState) {
        this.runtime = runtime;
        this.bundleState = bundleState;
    }

    @Override
    public Object newCommand() {
        return new BenchmarkFfiCommand(runtime, new BridgeWait(runtime, BRIDGE_PATIENCE), bundleState,
            BenchmarkProgress::isTerminal);
    }
}
