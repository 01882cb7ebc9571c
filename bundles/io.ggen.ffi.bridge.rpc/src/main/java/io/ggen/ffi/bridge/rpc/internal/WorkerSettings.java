package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.convert.text.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach one kind of worker and how to treat it: a child process (command line) or a TCP
 * service, with its pool size, limits and restart policy. Two equal settings share one pool.
 *
 * @param name how messages name the worker: its configured name, its command line, or its address
 * @param language the language label of its errors and handles; {@code null}: what the worker says
 * @param command program and arguments; empty for a TCP worker
 * @param host the TCP host, or {@code null} for a child process
 * @param port the TCP port, or -1
 * @param workingDir the child's working directory, or {@code null} for the platform's
 * @param environment variables added to the child's environment
 * @param poolSize how many processes (connections) serve the module
 * @param startTimeout how long the worker may take to answer {@code initialize}
 * @param callTimeout the longest a call may run; {@link Duration#ZERO}: no limit
 * @param restartMax failures in a row after which the worker is no longer restarted at once
 * @param restartBackoff the wait before the first restart, doubled with each further failure
 * @param maxMessageSize the largest frame, in bytes, either way
 * @param stopGrace how long a stopping worker may take before it is killed
 * @param cancelGrace how long a cancelled call may take to end before its worker is killed
 * @param isolate what makes the worker an isolate host (a child JVM of the platform); null for a worker program
 */
record WorkerSettings(String name, String language, List<String> command, String host, int port, Path workingDir,
                      Map<String, String> environment, int poolSize, Duration startTimeout, Duration callTimeout,
                      int restartMax, Duration restartBackoff, int maxMessageSize, Duration stopGrace,
                      Duration cancelGrace, IsolateSettings isolate) {

    /** The language id that means "whatever the worker says it is". */
    static final String ANY_LANGUAGE = "rpc";

    /** The module option: the child's working directory (the CLI passes the caller's). */
    static final String WORKING_DIR = "working-dir";
    /** The module option: how many worker processes serve the module. */
    static final String POOL_SIZE = "pool-size";
    /**
     * The module option: how long the worker may take to start and answer {@code initialize}, e.g.
     * {@code 10s}; a bare number is milliseconds, as it always was.
     */
    static final String START_TIMEOUT = "start-timeout";
    /**
     * The module option: the longest a call may run, e.g. {@code 30s}; {@code 0}: no limit. A bare
     * number is milliseconds, as it always was.
     */
    static final String CALL_TIMEOUT = "call-timeout";
    /** The prefix of module options that set environment variables, e.g. {@code env.GOFLAGS}. */
    static final String ENV_PREFIX = "env.";

    static final String TCP_SCHEME = "tcp://";

    private static final Pattern TCP = Pattern.compile("tcp://(\\[[^\\]]+\\]|[^:/\\s]+):(\\d{1,5})/?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    WorkerSettings {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty() == (host == null)) {
            throw new IllegalArgumentException("a worker is a command or a TCP address, not both or neither");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size of worker '" + name + "' must be at least 1, not " + poolSize);
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("the message size limit must be at least 1024 bytes, not " + maxMessageSize);
        }
    }

    boolean isTcp() {
        return host != null;
    }

    /** The language label for messages before the worker said its own. */
    String label() {
        return language != null ? language : ANY_LANGUAGE;
    }

    /** Whether the name is the command line or address itself (not a configured name). */
    boolean namedByTarget() {
        if (isTcp()) {
            return name.equalsIgnoreCase(describeTarget());
        }
        try {
            return CommandLine.split(name).equals(command);
        } catch (IllegalArgumentException e) {
            return false; // a configured name that is not a command line
        }
    }

    /** The command line or address, for messages. */
    String describeTarget() {
        return isTcp() ? TCP_SCHEME + host + ":" + port : CommandLine.join(command);
    }

    /**
     * Settings for a module named by a command line ({@code go run .}) or an address
     * ({@code tcp://localhost:7070}), with its module options; the rest from the bridge's defaults.
     *
     * @throws ForeignArgumentException an option or the command line is unusable; says what to fix
     */
    static WorkerSettings fromSpec(ModuleSpec spec, WorkerDefaults defaults) {
        String label = spec.language();
        String language = label.equalsIgnoreCase(ANY_LANGUAGE) ? null : label.toLowerCase(Locale.ROOT);
        try {
            String source = spec.source().strip();
            List<String> command = List.of();
            String host = null;
            int port = -1;
            if (source.regionMatches(true, 0, TCP_SCHEME, 0, TCP_SCHEME.length())) {
                Matcher m = TCP.matcher(source);
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + source + "' is not a TCP address: write tcp://HOST:PORT");
                }
                host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
                port = Integer.parseInt(m.group(2));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("the port " + port + " is not between 1 and 65535");
                }
            } else {
                command = CommandLine.split(source);
            }
            Path workingDir = spec.option(WORKING_DIR).map(String::strip).filter(s -> !s.isEmpty())
                .map(WorkerSettings::directory).orElse(null);
            Map<String, String> environment = new TreeMap<>();
            for (Map.Entry<String, String> option : spec.options().entrySet()) {
                if (option.getKey().startsWith(ENV_PREFIX)) {
                    environment.put(envName(option.getKey().substring(ENV_PREFIX.length())), option.getValue());
                }
            }
            int poolSize = spec.option(POOL_SIZE).map(v -> positive(POOL_SIZE, v)).orElse(defaults.poolSize());
            Duration startTimeout = spec.option(START_TIMEOUT).map(v -> duration(START_TIMEOUT, v))
                .orElse(defaults.startTimeout());
            Duration callTimeout = spec.option(CALL_TIMEOUT).map(v -> duration(CALL_TIMEOUT, v))
                .orElse(defaults.callTimeout());
            return new WorkerSettings(source, language, command, host, port, workingDir, environment, poolSize,
                startTimeout, callTimeout, defaults.restartMax(), defaults.restartBackoff(), defaults.maxMessageSize(),
                defaults.stopGrace(), defaults.cancelGrace(), null);
        } catch (IllegalArgumentException e) {
            throw new ForeignArgumentException(language != null ? language : ANY_LANGUAGE,
                "cannot use the worker " + spec.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A configured worker's settings; its language and name come from the configuration. */
    static WorkerSettings fromConfiguration(ConfiguredWorkerPoolConfiguration config, WorkerDefaults defaults) {
        String name = config.name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a worker pool needs a name (the attribute 'name'): modules refer to it"
                + " as ModuleSpec.named(language, name)");
        }
        if (config.command().length == 0 || config.command()[0].isBlank()) {
            throw new IllegalArgumentException("the worker pool '" + name + "' needs a command (the attribute"
                + " 'command': program and arguments, e.g. command=[\"python3\",\"worker.py\"])");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : config.environment()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the environment entry '" + entry + "' of worker pool '" + name
                    + "' is not NAME=VALUE");
            }
            environment.put(envName(entry.substring(0, eq)), entry.substring(eq + 1));
        }
        String language = config.language().strip().toLowerCase(Locale.ROOT);
        Path workingDir = config.working_dir().isBlank() ? null : directory(config.working_dir().strip());
        return new WorkerSettings(name, language.isEmpty() || language.equals(ANY_LANGUAGE) ? null : language,
            command(config.command()), null, -1, workingDir, environment, config.pool_size(),
            millis("start.timeout", config.start_timeout()), millis("call.timeout", config.call_timeout()),
            config.restart_max(), millis("restart.backoff", config.restart_backoff()), config.max_message_size(),
            defaults.stopGrace(), defaults.cancelGrace(), null);
    }

    /**
     * The program and its arguments. A {@code .cfg} file (FileInstall) has no lists, so one value is a
     * command line, split as the shell would; a {@code .config} file or ConfigAdmin can give the list.
     */
    private static List<String> command(String[] command) {
        return command.length == 1 ? CommandLine.split(command[0]) : List.of(command);
    }

    private static Path directory(String dir) {
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("the working directory " + path + " does not exist");
        }
        return path;
    }

    private static String envName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
        }
        return name;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("the option " + option + " must be a whole number of at least 1, not '"
            + value + "'");
    }

    /**
     * The platform's durations ({@link Durations}: {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code PT10S});
     * a bare number is milliseconds, because these options have always taken one.
     */
    static Duration duration(String option, String value) {
        Duration duration;
        try {
            duration = Durations.parse(value, ChronoUnit.MILLIS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the option " + option + " must be a duration such as 500ms, 10s"
                + " or 2m (a bare number is milliseconds), not '" + value + "'", e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the option " + option + " must not be negative, not '" + value + "'");
        }
        return duration;
    }

    static Duration millis(String attribute, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(attribute + " must not be negative, not " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
