package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ModuleSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A language bridge: what every bridge bundle, the platform's or a third party's, registers as a
 * service. The runtime follows these services whiteboard-style and picks one per language by
 * {@code service.ranking}, or by {@link #NAME} when a caller asks for it.
 *
 * <p>Service properties: {@link #LANGUAGE} (required), {@link #NAME} (required, unique per
 * language), {@link #ALIASES} (optional), {@code service.ranking} (optional). Declare them with
 * {@link BridgeService} on the component.
 *
 * <p>A bridge must be safe to call from many threads, and must release everything it holds
 * (contexts, native memory, processes) when its component deactivates: calls in flight then fail
 * with a clear error rather than hang.
 */
@ConsumerType
public interface ForeignBridge {

    /** Service property: the language id, lower case, e.g. {@code javascript}. */
    String LANGUAGE = "bridge.language";

    /** Service property: the bridge's name, e.g. {@code graaljs}, {@code panama}, {@code jna}. */
    String NAME = "bridge.name";

    /** Service property: other language ids it serves, e.g. {@code js}. */
    String ALIASES = "bridge.aliases";

    /**
     * Loads code so that its functions can be called.
     *
     * @throws io.ggen.ffi.api.ForeignException the code does not load, with the foreign error
     *     (syntax error, missing file or module) and where it stands
     */
    GuestModule load(ModuleSpec spec);

    /**
     * Loads code under a call context: when the context is cancelled (the load's timeout), stop
     * running the module's top-level code and throw. The default ignores the context; bridges that
     * run guest code at load time should override it.
     */
    default GuestModule load(ModuleSpec spec, CallContext context) {
        return load(spec);
    }

    /** What this bridge can do; the default is a plain bridge with none of the extras. */
    default BridgeCapabilities capabilities() {
        return BridgeCapabilities.NONE;
    }

    /** One line about the runtime, e.g. {@code GraalJS 25.0.3, optimizing compiler}. */
    default String description() {
        return getClass().getSimpleName();
    }
}
