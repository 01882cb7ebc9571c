package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.shell.command.BridgeWait;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ggen inspect LANGUAGE [--port[=PORT]] [--suspend] | --off}: GraalVM's Chrome inspector for every module
 * one bridge loads in the running container, through the bridge's configuration ({@value #PORT_PROPERTY},
 * {@value #SUSPEND_PROPERTY}); without an option it shows the bridge's inspector and the modules inspected now.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Debugs the JavaScript or Python modules that a running container loads (by any code: the Java API,"
        + " the Web Console, ggen test-ffi) in Chrome DevTools: turns GraalVM's Chrome inspector on or off for every"
        + " module one bridge loads. Each module gets an engine of its own, under its own path on the port; modules"
        + " loaded before load again at their next call.",
        "Without --port, --suspend or --off: shows whether the bridge inspects, and the DevTools address of each"
            + " module inspected now. Without LANGUAGE: every bridge that can.",
        "The setting is the bridge's configuration (inspect.port, inspect.suspend): it stays, across restarts too,"
            + " until --off.",
        "Works on a running container only ('ggen start'); for one module of ggen test-ffi, use its --inspect."},
    footer = {"", "Examples:",
        "  ggen inspect javascript --port 9229     # then chrome://inspect, or: ggen inspect javascript",
        "  ggen inspect python --suspend           # each module waits for a debugger when it loads",
        "  ggen inspect javascript --off"})
final class InspectCommand implements Callable<Integer> {

    static final String PORT_PROPERTY = "inspect.port";
    static final String SUSPEND_PROPERTY = "inspect.suspend";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ForeignRuntime runtime;
    private final BridgeWait bridgeWait;
    private final Supplier<BridgeConfigurations> configurations;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LANGUAGE", description = "javascript or python (or an alias: js, py).")
    String language;

    @Option(names = "--port", arity = "0..1", fallbackValue = "" + DebugOptions.DEFAULT_PORT, paramLabel = "PORT",
        description = "Turn the inspector on: it listens on 127.0.0.1:PORT (default ${FALLBACK-VALUE}).")
    Integer port;

    @Option(names = "--suspend", description = "Turn it on (on --port, or " + DebugOptions.DEFAULT_PORT + ") so that each"
        + " module waits for a debugger when it loads, and stops on its first line.")
    boolean suspend;

    @Option(names = "--off", description = "Turn the inspector off: modules load again without it at their next call.")
    boolean off;

    @Option(names = "--bridge", paramLabel = "NAME", description = "The bridge by name (default: the one serving the language).")
    String bridgeName;

    InspectCommand(ForeignRuntime runtime, BridgeWait bridgeWait, Supplier<BridgeConfigurations> configurations) {
        this.runtime = runtime;
        this.bridgeWait = bridgeWait;
        this.configurations = configurations;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (off && (port != null || suspend)) {
            throw new ParameterException(spec.commandLine(), "give --off alone, or --port/--suspend to turn the inspector on");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port takes a TCP port from 1 to 65535, not " + port);
        }
        if (language == null) {
            if (off || port != null || suspend) {
                throw new ParameterException(spec.commandLine(), "name the bridge's language, e.g. ggen inspect javascript"
                    + (off ? " --off" : " --port " + (port == null ? DebugOptions.DEFAULT_PORT : port)));
            }
            bridgeWait.awaitSettled();
            List<BridgeInfo> inspecting = runtime.bridges().stream().filter(InspectCommand::canInspect).toList();
            if (inspecting.isEmpty()) {
                out.println("no bridge with the Chrome inspector is present (the JavaScript and Python bridges have it)");
            }
            for (BridgeInfo bridge : inspecting) {
                show(out, bridge);
            }
            out.flush();
            return ExitCodes.OK;
        }
        BridgeInfo bridge = bridge();
        if (!off && port == null && !suspend) {
            show(out, bridge);
            out.flush();
            return ExitCodes.OK;
        }
        BridgeConfigurations config = configurations.get();
        String pid = config.pid(bridge);
        Map<String, Object> changes = new LinkedHashMap<>();
        if (off) {
            changes.put(PORT_PROPERTY, 0);   // as the bridge's own default: 0 is off
            changes.put(SUSPEND_PROPERTY, false);
        } else {
            int on = port == null ? DebugOptions.DEFAULT_PORT : port;
            if (configuredPort(config, bridge).filter(p -> p == on).isEmpty()) {
                checkFree(on);
            }
            changes.put(PORT_PROPERTY, on);
            changes.put(SUSPEND_PROPERTY, suspend);
        }
        config.update(pid, changes);
        if (!config.await(bridge, changes, PATIENCE)) {
            spec.commandLine().getErr().println("error: the " + describe(bridge) + " did not come back with the new"
                + " configuration " + pid + " within " + PATIENCE.toSeconds() + " s: see the container's log (ggen"
                + " status shows its bundle)");
            return ExitCodes.FOREIGN_ERROR;
        }
        if (off) {
            out.println(describe(bridge) + ": the Chrome inspector is off (configuration " + pid + "); modules load again"
                + " without it at their next call.");
        } else {
            int on = (Integer) changes.get(PORT_PROPERTY);
            out.println(describe(bridge) + ": the Chrome inspector is on at 127.0.0.1:" + on + " for every module it"
                + " loads (configuration " + pid + ", kept until 'ggen inspect " + bridge.language() + " --off').");
            out.println("Modules loaded before load again at their next call; each gets an engine of its own, under its"
                + " own path on this port.");
            if (suspend) {
                out.println("Each module waits for a debugger when it loads, and stops on its first line.");
            }
            out.println("Attach: open chrome://inspect in Chrome (add 127.0.0.1:" + on + " under Configure... if it is"
                + " not 9229), or a module's devtools:// address: 'ggen inspect " + bridge.language() + "' lists them"
                + " once loaded, so does http://127.0.0.1:" + on + "/json.");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The bridge that serves the language (by {@code --bridge}), with the inspector. */
    private BridgeInfo bridge() throws InterruptedException {
        bridgeWait.awaitLanguage(language);
        List<BridgeInfo> bridges = runtime.bridges();
        Optional<BridgeInfo> serving = bridges.stream()
            .filter(b -> b.serves(language) && (bridgeName == null || b.name().equals(bridgeName)))
            .findFirst();
        String supported = bridges.stream().filter(InspectCommand::canInspect).map(BridgeInfo::language).distinct()
            .collect(Collectors.joining(", "));
        String have = "the Chrome inspector works for " + (supported.isEmpty() ? "no bridge present" : supported);
        if (serving.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no bridge for '" + language + "'"
                + (bridgeName == null ? "" : " named " + bridgeName) + " is present; " + have);
        }
        if (!canInspect(serving.get())) {
            throw new ParameterException(spec.commandLine(), "the " + describe(serving.get()) + " has no debugger"
                + " support; " + have + ". For a worker (go, cpython, node), start it under its own debugger: see"
                + " docs/debugging.md");
        }
        return serving.get();
    }

    /** What the bridge's inspector is, and the modules it inspects now with their DevTools addresses. */
    private void show(PrintWriter out, BridgeInfo bridge) {
        Optional<Map<String, Object>> properties = configurations.get().properties(bridge);
        Optional<Integer> on = properties.flatMap(p -> port(p.get(PORT_PROPERTY)));
        if (on.isEmpty()) {
            out.println(describe(bridge) + ": the Chrome inspector is off; turn it on with 'ggen inspect "
                + bridge.language() + " --port " + DebugOptions.DEFAULT_PORT + "'");
            return;
        }
        boolean suspending = "true".equals(String.valueOf(properties.get().get(SUSPEND_PROPERTY)));
        out.println(describe(bridge) + ": the Chrome inspector is on at 127.0.0.1:" + on.get()
            + (suspending ? ", each module waiting for a debugger when it loads" : "") + "; off with 'ggen inspect "
            + bridge.language() + " --off'");
        List<String> paths = paths(on.get(), bridge.language());
        if (paths.isEmpty()) {
            out.println("  no module is inspected now: a module is once it loads (or is called again)");
        }
        for (String path : paths) {
            out.println("  devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + on.get() + "/" + path);
        }
    }

    private static final Pattern WEB_SOCKET = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"ws://[^/\"]+/([^\"]+)\"");

    /** The paths of the language's modules the inspector on the port lists ({@code /json}), sorted. */
    static List<String> paths(int port, String language) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String json = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return paths(json, language);
        } catch (IOException e) {
            return List.of();   // nothing listens: no module is inspected now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The paths of the language's engines in the inspector's {@code /json} list, sorted. */
    static List<String> paths(String json, String language) {
        Matcher matcher = WEB_SOCKET.matcher(json);
        return matcher.results().map(m -> m.group(1)).filter(path -> path.startsWith(language + "-")).sorted().toList();
    }

    private static Optional<Integer> configuredPort(BridgeConfigurations config, BridgeInfo bridge) {
        return config.properties(bridge).flatMap(p -> port(p.get(PORT_PROPERTY)));
    }

    private static Optional<Integer> port(Object value) {
        try {
            int port = value == null ? 0 : Integer.parseInt(String.valueOf(value).strip());
            return port > 0 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();   // the bridge refuses such a configuration and says so in the log
        }
    }

    /** The port must be free: GraalVM's inspector would wait forever for a port another program holds. */
    private void checkFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "127.0.0.1:" + port + " is in use (another debugger or"
                + " program): give a free port, e.g. --port " + (port == 65535 ? 9230 : port + 1));
        }
    }

    static boolean canInspect(BridgeInfo bridge) {
        return bridge.capabilities().names().contains(DebugOptions.CAPABILITY);
    }

    /** {@code javascript bridge graaljs}. */
    private static String describe(BridgeInfo bridge) {
        return bridge.language() + " bridge " + bridge.name();
    }
}
