package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestFunction;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A module's bound functions by name: the same name gives the same function, and each new one gets
 * the next small id ({@link PooledContext#function(int, String)} caches by it). A name the module
 * does not define is bound only if the language knows it otherwise (a built-in).
 *
 * @param <F> the bridge's function type
 */
@ProviderType
public final class BoundFunctions<F extends GuestFunction> {

    /**
     * Makes the function of a name.
     *
     * @param <F> the bridge's function type
     */
    @FunctionalInterface
    public interface Binder<F> {

        /**
         * @param name the function's name
         * @param id its id, dense from 0
         */
        F bind(String name, int id);
    }

    private final ConcurrentMap<String, F> bound = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Set<String> defined;
    private final Predicate<String> exists;
    private final Binder<F> binder;
    private final GuestLanguage language;
    private final String module;
    private final String kind;

    /**
     * @param defined the functions the module defines
     * @param exists whether a name it does not define is still a function (looked up in a context)
     * @param binder makes a function
     * @param language the module's language, for messages
     * @param module the module, for messages: as {@code ModuleSpec.describe()} gives it
     * @param kind what the module defines, for messages, e.g. {@code "functions"}
     */
    public BoundFunctions(Set<String> defined, Predicate<String> exists, Binder<F> binder, GuestLanguage language,
                          String module, String kind) {
        this.defined = defined;
        this.exists = exists;
        this.binder = binder;
        this.language = language;
        this.module = module;
        this.kind = kind;
    }

    /**
     * The function of this name, bound the first time.
     *
     * @throws NoSuchFunctionException the module has no such function; the message lists those it has
     */
    public F get(String name) {
        F function = bound.get(name);
        if (function != null) {
            return function;
        }
        if (!defined.contains(name) && !exists.test(name)) {
            Set<String> known = new TreeSet<>(defined);
            throw new NoSuchFunctionException(language.language(), "the " + language.displayName() + " module "
                + module + " has no function " + name + (known.isEmpty() ? "; it defines no " + kind
                : "; its functions: " + String.join(", ", known)));
        }
        return bound.computeIfAbsent(name, n -> binder.bind(n, nextId.getAndIncrement()));
    }
}
