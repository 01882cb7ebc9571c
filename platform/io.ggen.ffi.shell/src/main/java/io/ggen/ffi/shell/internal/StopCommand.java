package io.ggen.ffi.shell.internal;

import io.ggen.ffi.shell.command.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.osgi.framework.BundleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ggen stop}: stops the running container cleanly (bundles stopped in order, workers and isolates ended). */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {"Stops the running container cleanly: every bundle stops, workers and isolates end; waits until"
        + " its process has exited.", "Works on a running container only ('ggen start')."})
final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BundleException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("stopping the container (pid " + ProcessHandle.current().pid() + ")");
        out.flush();
        Container.context().getBundle(0).stop();   // asynchronous: the framework stops on a thread of its own
        return ExitCodes.OK;
    }
}
