package io.ggen.ffi.launcher;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ggen start}: the long-running container with FileInstall on deploy/, the Web Console and the shell. */
@Command(name = "ggen start", usageHelpWidth = 100,
        description = {
            "Starts the GGen FFI container: the boot/ folders at their start levels, deploy/ watched for bridge"
                + " bundles and configuration files, the Web Console and (unless --no-shell) the Gogo shell on stdin.",
            "Without the shell it runs until SIGTERM or Ctrl-C."},
        footer = {"", "Framework properties come from conf/ggen.properties; -Dkey=value in GGEN_OPTS overrides a key."})
final class StartCommand implements Callable<Integer> {

    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTP_HOST = "org.apache.felix.http.host";
    static final String CONSOLE_USER = "felix.webconsole.username";
    static final String CONSOLE_PASSWORD = "felix.webconsole.password";
    static final String CONSOLE_ROOT = "felix.webconsole.manager.root";
    static final String PASSWORD_ENV = "GGEN_CONSOLE_PASSWORD";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--no-shell", description = "Do not start the Gogo shell (boot/3-shell); run until stopped.")
    boolean noShell;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the Web Console (default 8080, see conf).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Interface to listen on (default 127.0.0.1, see conf).")
    String host;

    @Option(names = "--console-user", paramLabel = "U", description = "Web Console user (default admin, see conf).")
    String consoleUser;

    @Option(names = "--console-password", paramLabel = "P",
            description = "Web Console password (better: the environment variable " + PASSWORD_ENV
                    + "); needed when the host is not loopback.")
    String consolePassword;

    private final GgenHome home;

    StartCommand(GgenHome home) {
        this.home = home;
    }

    static int run(GgenHome home, String[] args) {
        CommandLine commandLine = new CommandLine(new StartCommand(home));
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            error.getCommandLine().getErr().println("ggen start: " + error.getMessage() + " (see ggen start --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof LauncherException launcherError) {
                line.getErr().println(launcherError.getMessage());
                return launcherError.exitCode();
            }
            throw error;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws LauncherException, InterruptedException {
        Map<String, String> properties = new HashMap<>(home.frameworkProperties());
        applyOptions(properties, System.getenv(PASSWORD_ENV));
        String listenHost = properties.getOrDefault(HTTP_HOST, "127.0.0.1");
        int listenPort = parsePort(properties.getOrDefault(HTTP_PORT, "8080"));
        String user = properties.getOrDefault(CONSOLE_USER, "admin");
        String password = properties.getOrDefault(CONSOLE_PASSWORD, ConsoleAccess.DEFAULT_PASSWORD);

        ControlEndpoint endpoint = ControlEndpoint.of(home);
        if (ControlClient.answers(endpoint)) {
            throw new LauncherException(2, "ggen: a container already runs for " + home.dir() + "; 'ggen status' shows it,"
                    + " 'ggen stop' stops it");
        }
        var refusal = ConsoleAccess.refusal(listenHost, password);
        if (refusal.isPresent()) {
            throw new LauncherException(2, refusal.get());
        }
        String busy = WebConsoleProbe.whyPortUnavailable(listenHost, listenPort);
        if (busy != null) {
            throw new LauncherException(2, "ggen: cannot start the Web Console: " + busy + "; choose another with --port");
        }

        List<BootFolder> folders = bootFolders().stream().filter(folder -> !(noShell && folder.name().equals("shell"))).toList();
        int topLevel = folders.stream().mapToInt(BootFolder::startLevel).max().orElse(1);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(topLevel));

        FelixContainer container = new FelixContainer(properties, home);
        container.init();
        ControlServer control = ControlServer.open(endpoint, container.context(), Duration.ofSeconds(60));
        for (BootFolder folder : folders) {
            container.install(folder);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            container.stop(Duration.ofSeconds(30));
        }, "ggen-shutdown"));
        container.start();

        String root = properties.getOrDefault(CONSOLE_ROOT, "/system/console");
        String shownHost = listenHost.contains(":") && !listenHost.startsWith("[") ? "[" + listenHost + "]" : listenHost;
        String probeHost = ConsoleAccess.isLoopback(listenHost) ? shownHost
                : listenHost.contains(":") ? "[::1]" : "127.0.0.1"; // the wildcard is reachable on loopback
        if (!noShell) {
            System.out.println(); // the shell may have printed its prompt already: start on a line of our own
        }
        if (WebConsoleProbe.awaitAnswer("http://" + probeHost + ":" + listenPort + root, user, password, Duration.ofSeconds(60))) {
            System.out.println("Web Console: http://" + shownHost + ":" + listenPort + root + " (user " + user + ")");
        } else {
            System.err.println("ggen: warning: the Web Console did not answer on http://" + shownHost + ":" + listenPort + root
                    + " within 60 s; see the warnings above");
        }
        Duration startUp = Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now());
        System.out.println(String.format(Locale.ROOT, "GGen FFI started in %.1f s", startUp.toMillis() / 1000.0));
        System.out.flush();

        FrameworkEvent event;
        do {
            event = container.framework().waitForStop(0);
        } while (event.getType() == FrameworkEvent.STOPPED_UPDATE); // restarted from the Web Console
        control.close();
        return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    /** The command-line options over the file's properties; the option's password wins over the environment. */
    void applyOptions(Map<String, String> properties, String passwordFromEnvironment) {
        if (port != null) {
            properties.put(HTTP_PORT, port.toString());
        }
        if (host != null) {
            properties.put(HTTP_HOST, host);
        }
        if (consoleUser != null) {
            properties.put(CONSOLE_USER, consoleUser);
        }
        if (consolePassword != null) {
            properties.put(CONSOLE_PASSWORD, consolePassword);
        } else if (passwordFromEnvironment != null && !passwordFromEnvironment.isEmpty()) {
            properties.put(CONSOLE_PASSWORD, passwordFromEnvironment);
        }
    }

    private static int parsePort(String value) throws LauncherException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(2, "ggen: the HTTP port '" + value + "' is not a number from 1 to 65535");
    }

    private List<BootFolder> bootFolders() throws LauncherException {
        try {
            return BootFolder.list(home.bootDir());
        } catch (IOException e) {
            throw new LauncherException(2, "ggen: " + e.getMessage(), e);
        }
    }
}
