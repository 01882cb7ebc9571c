package io.ggen.ffi.api.spi;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** A module as a bridge holds it: loaded code whose functions can be called. */
@ConsumerType
public interface GuestModule extends AutoCloseable {

    /** The names of the functions it defines, as far as the language can tell. */
    Set<String> functions();

    /**
     * Binds a function. Called once per function and caller; keep binding cheap and calls fast.
     *
     * @throws io.ggen.ffi.api.NoSuchFunctionException there is no such function; say which exist
     */
    GuestFunction function(String name);

    /** Releases what the module holds. Idempotent; calls after it fail clearly. */
    @Override
    void close();
}
