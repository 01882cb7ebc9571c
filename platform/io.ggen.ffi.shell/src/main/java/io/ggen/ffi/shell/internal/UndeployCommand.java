package io.ggen.ffi.shell.internal;

import io.ggen.ffi.shell.command.ExitCodes;
import io.ggen.ffi.shell.command.PositiveDurationConverter;
import io.ggen.ffi.shell.internal.Container.BundleId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ggen undeploy SYMBOLIC-NAME|FILE}: removes a bundle from deploy/ and waits until it is uninstalled. */
@Command(name = "undeploy", mixinStandardHelpOptions = true,
    description = {"Removes a bundle from the running container's deploy/ folder and waits until it is uninstalled.",
        "Works on a running container only ('ggen start')."},
    footer = {"", "Examples:", "  ggen undeploy org.acme.bridge.ruby", "  ggen undeploy org.acme.bridge.ruby-1.0.0.jar"})
final class UndeployCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SYMBOLIC-NAME|FILE", description = "The bundle's symbolic name, or its file (name) in deploy/.")
    String target;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = PositiveDurationConverter.class,
            description = "How long to wait for the bundle to be uninstalled (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleContext context = Container.context();
        Path deployDir = Container.deployDir(context);
        List<Path> files = matching(deployDir);
        if (files.isEmpty()) {
            err.println("error: deploy/ holds no bundle '" + target + "' (by file name or symbolic name); "
                + (installed(context) ? "it is installed from elsewhere (boot/): ggen undeploy removes what deploy/ holds"
                    : "see 'ggen status'"));
            return ExitCodes.USAGE;
        }
        int code = ExitCodes.OK;
        for (Path file : files) {
            Optional<BundleId> id = BundleId.of(file);
            Files.delete(file);
            if (id.isEmpty()) {
                out.println("removed deploy/" + file.getFileName() + " (not a bundle)");
            } else if (awaitUninstalled(context, id.get())) {
                out.println("undeployed " + id.get() + " (deploy/" + file.getFileName() + ")");
            } else {
                err.println("error: " + id.get() + " is still installed " + timeout.toMillis() / 1000.0
                    + " s after deploy/" + file.getFileName() + " was removed (see the container's log)");
                code = ExitCodes.FOREIGN_ERROR;
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The jars of deploy/ named {@code target}, or whose bundle has that symbolic name. */
    private List<Path> matching(Path deployDir) throws IOException {
        Path named = deployDir.resolve(Path.of(target).getFileName().toString());
        if (Container.isDeployedJar(named)) {
            return List.of(named);
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> jars = Files.list(deployDir)) {
            for (Path jar : jars.filter(Container::isDeployedJar).sorted().toList()) {
                if (BundleId.of(jar).filter(id -> id.symbolicName().equals(target)).isPresent()) {
                    found.add(jar);
                }
            }
        }
        return found;
    }

    private boolean installed(BundleContext context) {
        return Stream.of(context.getBundles()).anyMatch(b -> target.equals(b.getSymbolicName()));
    }

    private boolean awaitUninstalled(BundleContext context, BundleId id) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (id.installed(context).map(Bundle::getState).filter(state -> state != Bundle.UNINSTALLED).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }
}
