package io.ggen.ffi.bridge.rpc.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A worker pool declared by a factory configuration ({@value #FACTORY_PID}): its workers start
 * when the configuration appears (FileInstall: a {@code deploy/io.ggen.ffi.bridge.rpc.worker-NAME.cfg}
 * file) and stop when it goes. Registered as a service of this bundle-internal type; the
 * {@link RpcWorkerBridge} finds it by name.
 */
@Component(service = ConfiguredWorkerPool.class, configurationPid = ConfiguredWorkerPool.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredWorkerPoolConfiguration.class, factory = true)
public final class ConfiguredWorkerPool {

    /** The factory PID of worker pool configurations. */
    public static final String FACTORY_PID = "io.ggen.ffi.bridge.rpc.worker";

    private final WorkerPool pool;
    private final Logger logger;
    /** The modules loaded by its name and not closed yet. */
    private final AtomicInteger modules = new AtomicInteger();

    /**
     * @throws IllegalArgumentException the configuration is unusable; the message says what to fix
     */
    @Activate
    public ConfiguredWorkerPool(ConfiguredWorkerPoolConfiguration config,
                                @Reference(service = LoggerFactory.class) Logger logger) {
        this(WorkerSettings.fromConfiguration(config, WorkerDefaults.STANDARD), logger);
    }

    /** For unit tests: settings made directly. */
    ConfiguredWorkerPool(WorkerSettings settings, Logger logger) {
        this.logger = logger;
        this.pool = new WorkerPool(settings, logger);
        logger.info("Worker pool '{}' configured: {} x {}", settings.name(), settings.poolSize(),
            settings.describeTarget());
        pool.startAllInBackground();
    }

    /** What modules call it: {@code ModuleSpec.named(language, name)}. */
    String name() {
        return pool.settings().name();
    }

    WorkerPool pool() {
        return pool;
    }

    /** A module was loaded by its name. */
    void moduleOpened() {
        modules.incrementAndGet();
    }

    /** A module loaded by its name was closed. */
    void moduleClosed() {
        modules.decrementAndGet();
    }

    int modules() {
        return modules.get();
    }

    /** Stops its workers: the configuration went away, or the bundle stops. */
    @Deactivate
    void deactivate() {
        pool.close();
        logger.info("Worker pool '{}' stopped", name());
    }
}
