package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ModuleSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code ggen test-ffi --inspect[=PORT]} and {@code --inspect-brk[=PORT]}: the module options that ask a
 * bridge for GraalVM's Chrome inspector ({@value #PORT_OPTION}{@code =PORT}, {@value #SUSPEND_OPTION}),
 * checked against the bridge that will load the module: only bridges with the capability
 * {@value #CAPABILITY} honour them (a bridge ignores module options it does not know).
 *
 * @param port the TCP port on 127.0.0.1
 * @param suspend whether the code waits for a debugger and stops on its first line ({@code --inspect-brk})
 */
record DebugOptions(int port, boolean suspend) {

    static final int DEFAULT_PORT = 9229;
    static final String PORT_OPTION = "inspect";
    static final String SUSPEND_OPTION = "inspect.suspend";
    static final String CAPABILITY = "inspector";

    /**
     * What the options ask for; null when neither is given.
     *
     * @throws ParameterException both are given, a port is out of range, or the module is isolated
     */
    static DebugOptions of(CommandSpec spec, Integer inspect, Integer inspectBrk, boolean isolated) {
        if (inspect == null && inspectBrk == null) {
            return null;
        }
        if (inspect != null && inspectBrk != null) {
            throw new ParameterException(spec.commandLine(), "give --inspect or --inspect-brk, not both");
        }
        boolean suspend = inspectBrk != null;
        int port = suspend ? inspectBrk : inspect;
        String name = suspend ? "--inspect-brk" : "--inspect";
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), name + " takes a TCP port from 1 to 65535, not " + port);
        }
        if (isolated) {
            throw new ParameterException(spec.commandLine(), name + " and --isolated do not go together: the"
                + " inspector would run in the isolate's JVM; debug the code without --isolated");
        }
        return new DebugOptions(port, suspend);
    }

    /**
     * The module with the inspector's options, once the bridge that loads it is known to honour them; says
     * on {@code err} where to attach.
     *
     * @param bridgeName the bridge asked for by name ({@code --bridge}), or null for the highest ranked
     * @throws ParameterException that bridge has no inspector: the message names the languages that have one
     *     and what to do for workers
     */
    ModuleSpec apply(CommandSpec spec, ModuleSpec module, List<BridgeInfo> bridges, String language,
                     String bridgeName, PrintWriter err) {
        // GraalVM prints the devtools:// address on the JVM's stderr: in a running container, the container's
        String address = GgenCommandLine.inContainer(spec)
            ? " (GraalVM prints the devtools:// address in the container's output; http://127.0.0.1:" + port
                + "/json lists it too)."
            : ", or the devtools:// address below.";
        Optional<BridgeInfo> serving = bridges.stream()
            .filter(b -> b.serves(language) && (bridgeName == null || b.name().equals(bridgeName)))
            .findFirst();
        String option = suspend ? "--inspect-brk" : "--inspect";
        if (serving.isPresent() && !serving.get().capabilities().names().contains(CAPABILITY)) {
            String supported = bridges.stream().filter(b -> b.capabilities().names().contains(CAPABILITY))
                .map(BridgeInfo::language).distinct().collect(Collectors.joining(", "));
            throw new ParameterException(spec.commandLine(), option + ": the " + serving.get().language() + " bridge ("
                + serving.get().name() + ") has no debugger support; the Chrome inspector works for "
                + (supported.isEmpty() ? "no installed bridge" : supported) + ". For a worker (go, cpython, node),"
                + " start it under its own debugger, e.g. --worker \"node --inspect=9230 worker.js\" or"
                + " \"dlv exec --headless --listen=:2345 ./worker\": see docs/debugging.md");
        }
        err.println("ggen: debugging with the Chrome inspector on 127.0.0.1:" + port + ": open chrome://inspect in"
            + " Chrome (add 127.0.0.1:" + port + " under Configure... if it is not 9229)" + address + (suspend ? " The code waits for a debugger and stops on its first line." : ""));
        err.flush();
        ModuleSpec inspected = module.withOption(PORT_OPTION, Integer.toString(port));
        return suspend ? inspected.withOption(SUSPEND_OPTION, "true") : inspected;
    }
}
