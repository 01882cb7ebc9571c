package io.ggen.ffi.shell.internal;

import io.ggen.ffi.shell.command.BundleStates;
import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import io.ggen.ffi.shell.internal.Container.BundleId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ggen deploy FILE...}: hot-deploys bundles into the running container and waits until they are active. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Copies bundles into the running container's deploy/ folder and waits until each is active;"
        + " a bundle that cannot resolve is reported with what it misses.",
        "Works on a running container only ('ggen start')."},
    footer = {"", "Example:", "  ggen deploy target/org.acme.bridge.ruby-1.0.0.jar"})
final class DeployCommand implements Callable<Integer> {

    /** How often the bundle's state is checked while waiting. */
    private static final Duration POLL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Bundle jars to deploy.")
    List<Path> files;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = PositiveDurationConverter.class,
            description = "How long to wait for each bundle to be active (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleContext context = Container.context();
        Path deployDir = Container.deployDir(context);
        List<Deployed> deployed = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("error: " + file + ": no such file");
                return ExitCodes.USAGE;
            }
            Optional<BundleId> id = BundleId.of(file);
            if (id.isEmpty()) {
                err.println("error: " + file + " is not a bundle (its manifest has no Bundle-SymbolicName)");
                return ExitCodes.USAGE;
            }
            Path target = deployDir.resolve(file.getFileName().toString());
            long previous = id.get().installed(context).map(Bundle::getLastModified).orElse(-1L);
            Path partial = deployDir.resolve("." + file.getFileName() + ".part");   // FileInstall ignores it
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deployed.add(new Deployed(id.get(), target, previous));
        }
        int code = ExitCodes.OK;
        for (Deployed one : deployed) {
            Optional<String> failure = awaitActive(context, one);
            if (failure.isEmpty()) {
                out.println("deployed " + one.id() + ": ACTIVE");
            } else {
                err.println("error: " + one.id() + " (deploy/" + one.file().getFileName() + ") is not active: " + failure.get());
                code = ExitCodes.FOREIGN_ERROR;
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    /** @param previous the last-modified stamp of the bundle it replaces, -1 when new: its update is awaited */
    private record Deployed(BundleId id, Path file, long previous) {
    }

    /** Empty once the bundle is active (or a resolved fragment); else why it is not, at the timeout or as soon as it cannot resolve. */
    private Optional<String> awaitActive(BundleContext context, Deployed deployed) throws InterruptedException {
        BundleId id = deployed.id();
        long deadline = System.nanoTime() + timeout.toNanos();
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        String state = "not installed by FileInstall";
        while (System.nanoTime() < deadline) {
            Optional<Bundle> bundle = id.installed(context).filter(b -> b.getLastModified() != deployed.previous());
            if (bundle.isPresent()) {
                Bundle b = bundle.get();
                state = BundleStates.name(b.getState());
                if (b.getState() == Bundle.ACTIVE || isFragment(b) && b.getState() == Bundle.RESOLVED) {
                    return Optional.empty();
                }
                if (b.getState() == Bundle.INSTALLED && !wiring.resolveBundles(List.of(b))) {
                    List<String> missing = missingRequirements(b, wiring);
                    if (!missing.isEmpty()) {
                        return Optional.of("it cannot resolve: missing " + String.join(", ", missing));
                    }
                }
            }
            Thread.sleep(POLL);
        }
        return Optional.of("still " + state + " after " + timeout.toMillis() / 1000.0 + " s (see the container's log)");
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The mandatory requirements nothing installed provides, e.g. {@code osgi.wiring.package (osgi.wiring.package=org.acme)}. */
    static List<String> missingRequirements(Bundle bundle, FrameworkWiring wiring) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> missing = new ArrayList<>();
        if (revision == null) {
            return missing;
        }
        for (Requirement requirement : revision.getRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                || !wiring.findProviders(requirement).isEmpty()) {
                continue;
            }
            String filter = directives.getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
            missing.add(PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())
                ? "package " + filter : requirement.getNamespace() + " " + filter);
        }
        return missing;
    }
}
