package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BundleStates;
import io.ggen.ffi.shell.command.GgenCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code ggen} command line, offered to the launcher. The launcher lives outside the
 * framework and shares only JDK types with it, so the service is a plain {@code Function} (request
 * in, exit code out) under the property {@code ggen.cli=main}. A request is either
 * <ul>
 * <li>a {@code String[]}: the arguments of a one-shot run, printing to {@code System.out} and
 *     {@code System.err}, in the JVM's working folder; or</li>
 * <li>a {@code Map} from the control socket of a running container: {@code args} ({@code String[]}),
 *     {@code out} and {@code err} ({@code PrintStream}s) and {@code cwd} (the caller's working folder,
 *     a {@code Path}); interrupting the calling thread cancels the command's foreign call.</li>
 * </ul>
 *
 * <p>The launcher runs the command as soon as this service is registered, so it is registered only
 * once the contributed {@link GgenCommand}s are there too: {@code commands.cardinality.minimum}, the
 * standard Declarative Services property, is the number of them the distribution ships (1:
 * {@code benchmark-ffi} of {@code io.ggen.ffi.benchmark}); configure PID
 * {@code io.ggen.ffi.shell.internal.CommandLineService} to change it.
 */
@Component(service = Function.class, property = {"ggen.cli=main", "commands.cardinality.minimum:Integer=1"})
public final class CommandLineService implements Function<Object, Integer> {

    private final GgenCommandLine oneShot;
    private final GgenCommandLine inContainer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallMetrics metrics;

    @Reference(service = GgenCommand.class, cardinality = ReferenceCardinality.MULTIPLE,
               policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<GgenCommand> commands;

    @Activate
    public CommandLineService(@Reference ForeignRuntime runtime, BundleContext context) {
        this.oneShot = new GgenCommandLine(runtime, () -> metrics, BundleStates.of(context), () -> commands, false);
        this.inContainer = new GgenCommandLine(runtime, () -> metrics, BundleStates.of(context), () -> commands, true);
    }

    @Override
    public Integer apply(Object request) {
        if (request instanceof Map<?, ?> session) {
            return inContainer.run((String[]) session.get("args"), (PrintStream) session.get("out"),
                (PrintStream) session.get("err"), (Path) session.get("cwd"));
        }
        return oneShot.run((String[]) request, System.out, System.err);
    }
}
