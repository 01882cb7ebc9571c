package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.FunctionSignature;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** A module as a bridge holds it: loaded code whose functions can be called. */
@ConsumerType
public interface GuestModule extends AutoCloseable {

    /** The names of the functions it defines, as far as the language can tell. */
    Set<String> functions();

    /**
     * What the module can tell about its functions' parameters and results (a Python function's
     * type hints, a worker's description, a WebAssembly export's type); empty when it cannot. The
     * runtime checks typed bindings against it and {@code ggen bindgen} writes interfaces from it.
     *
     * @since 1.1
     */
    default List<FunctionSignature> signatures() {
        return List.of();
    }

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
