package io.ggen.ffi.polyglot;

import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs polyglot set-up with the polyglot class loader as the thread's context class loader.
 *
 * <p>Truffle looks up languages and their internal resources (GraalPy's standard library, for
 * one) through the context class loader too. Inside OSGi that is whatever the calling thread
 * had, often a bundle's: the engine would then miss the languages on the launcher class path, or
 * keep the bundle's class loader alive after it is uninstalled.
 */
@ProviderType
public final class PolyglotEngines {

    private PolyglotEngines() {
    }

    /** Runs {@code action} with {@code Engine}'s class loader as the context class loader. */
    public static <T> T withPolyglotLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A shared engine for these languages, made {@link #withPolyglotLoader with the polyglot loader}. */
    public static Engine newEngine(String... languages) {
        return withPolyglotLoader(() -> Engine.newBuilder(languages).build());
    }

    /**
     * E.g. {@code GraalPy 25.0.3, optimizing compiler (GraalVM CE)}.
     *
     * @param product the language's product name, e.g. {@code GraalJS}
     */
    public static String describe(String product, Engine engine) {
        String version = Engine.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = engine.getVersion();
        }
        String implementation = engine.getImplementationName();
        String mode = "Interpreted".equals(implementation)
            ? "interpreter (no Graal compiler on the module path)"
            : "optimizing compiler (" + implementation + ")";
        return product + " " + version + ", " + mode;
    }
}
