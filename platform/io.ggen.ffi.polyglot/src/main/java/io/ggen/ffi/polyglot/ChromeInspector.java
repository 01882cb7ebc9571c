package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ModuleSpec;
import java.util.Optional;
import org.graalvm.polyglot.Engine;
import org.osgi.annotation.versioning.ProviderType;

/**
 * GraalVM's Chrome inspector for one module, as the module options {@value #PORT_OPTION}{@code =PORT}
 * and {@value #SUSPEND_OPTION}{@code =true} ask for it ({@code ggen test-ffi --inspect[=PORT]},
 * {@code --inspect-brk[=PORT]}).
 *
 * A bridge's configuration may ask for it for every module the bridge loads
 * ({@value #PORT_PROPERTY}, {@value #SUSPEND_PROPERTY}: {@code ggen inspect LANGUAGE}).
 *
 * <p>The inspector is an option of the engine, and a bridge's modules share one engine: a module that
 * asks for the inspector gets an {@link #open engine of its own}, which it closes when it closes.
 * Modules that do not ask keep the shared engine, untouched. The inspector listens on
 * {@code 127.0.0.1:PORT} (plain WebSocket, loopback only), each module's engine under a path of its own,
 * so that one port serves several modules; GraalVM prints the DevTools address on the engine's error
 * stream, and {@code http://127.0.0.1:PORT/json} lists them all. Suspended, the module's code waits for a debugger before it runs and
 * stops on its first line; else it runs at once and a debugger may attach while it runs.
 *
 * <p>The inspector itself ({@code org.graalvm.tools:chromeinspector-tool}) must be on the class path
 * next to the languages; without it the module fails to load, saying so.
 *
 * @param port the TCP port on 127.0.0.1
 * @param suspend whether to wait for a debugger and stop on the first line of the guest code
 */
@ProviderType
public record ChromeInspector(int port, boolean suspend) {

    /** The module option asking for the inspector on a port, e.g. {@code inspect=9229}. */
    public static final String PORT_OPTION = "inspect";

    /** The module option {@code inspect.suspend=true}: wait for a debugger, stop on the first line. */
    public static final String SUSPEND_OPTION = "inspect.suspend";

    /** The port Chrome's {@code chrome://inspect} looks at first, and node's. */
    public static final int DEFAULT_PORT = 9229;

    /**
     * The property of a bridge's configuration that turns the inspector on for every module the bridge
     * loads, on this port (0 or none: off); {@code ggen inspect LANGUAGE --port N} sets it.
     */
    public static final String PORT_PROPERTY = "inspect.port";

    /** The property of a bridge's configuration that makes every module it loads wait for a debugger. */
    public static final String SUSPEND_PROPERTY = "inspect.suspend";

    /** The bridge capability of bridges that honour {@value #PORT_OPTION} and {@value #PORT_PROPERTY}. */
    public static final String CAPABILITY = "inspector";

    /** @throws IllegalArgumentException the port is not 1 to 65535 */
    public ChromeInspector {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the inspector's port must be 1 to 65535, not " + port);
        }
    }

    /**
     * The inspector a module asks for; empty when it has no {@value #PORT_OPTION} option.
     *
     * @throws ForeignArgumentException an option is not what it should be; the message says what to give
     */
    public static Optional<ChromeInspector> of(ModuleSpec spec, GuestLanguage language) {
        Optional<String> port = spec.option(PORT_OPTION).map(String::strip);
        String suspend = spec.option(SUSPEND_OPTION).map(String::strip).orElse("false");
        if (port.isEmpty()) {
            if ("true".equals(suspend)) {
                throw new ForeignArgumentException(language.language(), "the module option " + SUSPEND_OPTION
                    + " needs " + PORT_OPTION + "=PORT too (ggen test-ffi --inspect-brk sets both)");
            }
            return Optional.empty();
        }
        if (!"true".equals(suspend) && !"false".equals(suspend)) {
            throw new ForeignArgumentException(language.language(), "the module option " + SUSPEND_OPTION
                + " is true or false, not '" + suspend + "'");
        }
        try {
            return Optional.of(new ChromeInspector(port.get().isEmpty() ? DEFAULT_PORT : Integer.parseInt(port.get()),
                Boolean.parseBoolean(suspend)));
        } catch (IllegalArgumentException e) {
            throw new ForeignArgumentException(language.language(), "the module option " + PORT_OPTION
                + " takes a TCP port (1 to 65535), e.g. " + PORT_OPTION + "=" + DEFAULT_PORT + ", not '" + port.get()
                + "'", e);
        }
    }

    /**
     * The inspector a bridge's configuration asks for every module: {@value #PORT_PROPERTY} (0: off) and
     * {@value #SUSPEND_PROPERTY}.
     *
     * @param pid the configuration's PID, for the message
     * @throws IllegalArgumentException a value is wrong; the message names the property and what to give
     */
    public static Optional<ChromeInspector> configured(int port, boolean suspend, String pid) {
        if (port == 0) {
            if (suspend) {
                throw new IllegalArgumentException(SUSPEND_PROPERTY + "=true needs " + PORT_PROPERTY + " too (a TCP"
                    + " port, e.g. " + DEFAULT_PORT + ") in the configuration " + pid);
            }
            return Optional.empty();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT_PROPERTY + " is 0 (no inspector) or a TCP port from 1 to 65535,"
                + " e.g. " + DEFAULT_PORT + ", not " + port + ", in the configuration " + pid);
        }
        return Optional.of(new ChromeInspector(port, suspend));
    }

    /**
     * A new engine for the language with this inspector on, made
     * {@link PolyglotEngines#withPolyglotLoader with the polyglot loader}, for one module. The inspector
     * listens once it is made, under a path of its own (the module's name and a random part): the engines
     * of this JVM that inspect on one port share it, each at its own path. Suspended, this waits until a
     * debugger attaches.
     *
     * @param spec the module, whose name goes into the path
     * @throws ForeignArgumentException the port is in use by another program, or the inspector is not installed
     */
    public InspectedEngine open(GuestLanguage language, ModuleSpec spec) {
        String path = InspectorPorts.path(language, spec);
        InspectorPorts.reserve(this, language);
        try {
            Engine engine = PolyglotEngines.withPolyglotLoader(() -> Engine.newBuilder(language.polyglotId())
                .option("inspect", Integer.toString(port))   // on 127.0.0.1, GraalVM's default host
                .option("inspect.Path", path)
                .option("inspect.Suspend", Boolean.toString(suspend))
                .option("inspect.WaitAttached", Boolean.toString(suspend))
                .build());
            return new InspectedEngine(engine, this, path);
        } catch (IllegalArgumentException e) {
            InspectorPorts.release(port);
            if (String.valueOf(e.getMessage()).contains("Could not find option with name inspect")) {
                throw new ForeignArgumentException(language.language(), "the Chrome inspector is not installed:"
                    + " put org.graalvm.tools:chromeinspector-tool (the GraalVM version of the languages) on the class"
                    + " path next to the languages (the distribution has it in lib/)", e);
            }
            throw failedToStart(language, e);
        } catch (RuntimeException e) {
            InspectorPorts.release(port);
            throw failedToStart(language, e);
        } catch (Error e) {
            InspectorPorts.release(port);
            throw e;
        }
    }

    private ForeignArgumentException failedToStart(GuestLanguage language, RuntimeException e) {
        return new ForeignArgumentException(language.language(), "the " + language.displayName()
            + " inspector did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }

    /** What the caller's debugger should do, e.g. for a log line. */
    public String describe() {
        return "Chrome inspector on 127.0.0.1:" + port + (suspend ? ", waiting for a debugger" : "");
    }
}
