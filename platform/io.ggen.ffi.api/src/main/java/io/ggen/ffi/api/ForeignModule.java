package io.ggen.ffi.api;

import java.lang.invoke.MethodHandles;
import java.util.List;
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

    /**
     * What the module tells about its functions' parameters and results, as far as its language can
     * tell (empty when it cannot; see {@link FunctionSignature}).
     *
     * @since 1.1
     */
    default List<FunctionSignature> signatures() {
        return List.of();
    }

    /**
     * A typed binding: an instance of the interface whose abstract methods call the module's
     * functions (by the method's name, or the name its {@link ForeignCall} gives), with arguments and
     * results converted by the {@link ValueConverter} to the methods' declared types, generics
     * included ({@code List<Long>}, {@code Map<String, T>}, {@code Optional<T>}, records and Java
     * beans as maps). A method that returns a {@code CompletableFuture<T>} calls asynchronously.
     * Default methods are kept. Calls after the module closed fail as the module's calls do.
     *
     * <p>The binding is checked now: a function the module lacks, or a parameter count its
     * {@link #signatures() signature} rules out, fails here with what the module has.
     *
     * @param api an interface, visible to the caller; one in a named Java module must be opened to
     *     this API's module, or use {@link #bind(MethodHandles.Lookup, Class)}
     * @throws NoSuchFunctionException a method names a function the module lacks
     * @throws ForeignArgumentException a method's parameters or types cannot fit its function
     * @since 1.1
     */
    default <T> T bind(Class<T> api) {
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(api, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(api.getName() + " is not open to the GGen FFI API: pass your "
                + "MethodHandles.lookup() to bind(lookup, api)", e);
        }
        return bind(lookup, api);
    }

    /**
     * A typed binding, defined next to the lookup's class (so it sees the interface whichever module
     * or bundle it comes from); see {@link #bind(Class)}.
     *
     * @since 1.1
     */
    <T> T bind(MethodHandles.Lookup lookup, Class<T> api);

    /** Calls a function with Java arguments and returns a Java value (see {@link ValueConverter}). */
    default Object call(String function, Object... args) {
        return function(function).call(args);
    }

    @Override
    void close();
}
