package io.ggen.ffi.api;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Loaded foreign code. Close it to release what the bridge holds for it; calls after closing,
 * or after its bridge went away, fail with a {@link BridgeUnavailableException}.
 */
@ProviderType
public interface ForeignModule extends AutoCloseable {

    String language();

    /** The {@code bridge.name} of the bridge that loaded it. */
    String bridgeName();

    /** The spec it was loaded from. */
    ModuleSpec spec();

    /** The names of the functions it defines, as far as its language can tell. */
    Set<String> functions();

    /**
     * A callable function. Look it up once and keep it: calls through it skip the lookup.
     *
     * @throws NoSuchFunctionException the module has no such function
     */
    ForeignFunction function(String name);

    /** Calls a function with Java arguments and returns a Java value (see {@link ValueConverter}). */
    default Object call(String function, Object... args) {
        return function(function).call(args);
    }

    @Override
    void close();
}
