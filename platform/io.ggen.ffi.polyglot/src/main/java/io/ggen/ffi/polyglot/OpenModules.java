package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.service.log.Logger;

/**
 * The modules a Polyglot bridge loaded and are still open, and whether the bridge was stopped: a
 * bridge {@link #add adds} each module it loads, the module {@link #remove removes} itself when it
 * closes, and {@link #close} closes them all, then the engine.
 *
 * @param <M> the bridge's module type
 */
@ProviderType
public final class OpenModules<M extends GuestModule> {

    private final Set<M> modules = ConcurrentHashMap.newKeySet();
    /** Read: contexts being built and initialized; write: the engine being closed. */
    private final ReadWriteLock engineUse = new ReentrantReadWriteLock();
    private final GuestLanguage language;
    private final String engineName;
    private final Logger logger;
    private volatile boolean closed;

    /**
     * @param language the bridge's language, for messages
     * @param engineName the engine's name in messages, e.g. {@code GraalJS}
     * @param logger the bridge's logger
     */
    public OpenModules(GuestLanguage language, String engineName, Logger logger) {
        this.language = language;
        this.engineName = engineName;
        this.logger = logger;
    }

    /**
     * Fails when the bridge was stopped.
     *
     * @throws BridgeUnavailableException it was
     */
    public void checkOpen() {
        if (closed) {
            throw stopped();
        }
    }

    private BridgeUnavailableException stopped() {
        return new BridgeUnavailableException(language.language(), "the " + language.bridgeName()
            + " bridge was stopped; load the module again once a " + language.displayName() + " bridge is available");
    }

    /**
     * Loads a module and keeps it ({@link #add}). A load the bridge's stop cut short fails saying the
     * bridge was stopped, not with what the stop did to the load (the original is suppressed in it).
     *
     * @throws BridgeUnavailableException the bridge was stopped, before or while it loaded
     */
    public M load(Supplier<M> loading) {
        checkOpen();
        M module;
        try {
            module = loading.get();
        } catch (RuntimeException e) {
            if (closed) {
                BridgeUnavailableException stopped = stopped();
                stopped.addSuppressed(e);
                throw stopped;
            }
            throw e;
        }
        return add(module);
    }

    /**
     * Keeps a module just loaded; closes it if the bridge was stopped meanwhile. {@link #load} does
     * this for a module it loads.
     *
     * @return the module
     * @throws BridgeUnavailableException the bridge was stopped while it loaded
     */
    public M add(M module) {
        modules.add(module);
        if (closed) {
            // Stopped while loading: do not leave the module open.
            module.close();
            checkOpen();
        }
        return module;
    }

    /**
     * Builds a context on the bridge's engine and initializes its language, never while {@link #close}
     * closes the engine: Truffle deadlocks when an engine closes while another thread initializes a
     * context of it. Code the context runs later is no such problem: closing the engine cancels it.
     *
     * @param languageId the Truffle language id, e.g. {@code js}
     * @throws BridgeUnavailableException the bridge was stopped
     */
    public Context initialized(Context.Builder builder, String languageId) {
        Lock lock = engineUse.readLock();
        lock.lock();
        try {
            checkOpen();
            Context context = builder.build();
            try {
                context.initialize(languageId);
            } catch (RuntimeException | Error e) {
                try {
                    context.close(true);
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return context;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a module that closed. */
    public void remove(M module) {
        modules.remove(module);
    }

    /** Closes every module (running calls end with an error), then the engine; logs the stop. */
    public void close(Engine engine) {
        closed = true;
        int count = modules.size();
        for (M module : List.copyOf(modules)) {
            module.close();
        }
        Lock lock = engineUse.writeLock();
        lock.lock(); // waits for contexts being initialized; later ones see the bridge closed
        try {
            engine.close(true);
        } catch (RuntimeException e) {
            logger.warn("Closing the {} engine failed: {}", engineName, e.toString(), e);
        } finally {
            lock.unlock();
        }
        logger.info("{} bridge stopped; closed {} modules", language.displayName(), count);
    }
}
