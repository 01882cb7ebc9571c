package io.ggen.ffi.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * An embedded Felix framework (found with {@link ServiceLoader}) and the bundles the launcher gives it.
 * A bundle that cannot be installed, resolved or started is reported on stderr, once, with the reason
 * (the missing requirement), and the others carry on.
 */
final class FelixContainer {

    private final Framework framework;
    private final GgenHome home;
    private final Map<Long, String> failures = new ConcurrentHashMap<>();

    FelixContainer(Map<String, String> properties, GgenHome home) throws LauncherException {
        this.home = home;
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LauncherException(1,
                        "ggen: no OSGi framework on the class path (lib/ must hold org.apache.felix.framework)"));
        Map<String, Object> config = new HashMap<>(properties);
        config.put("felix.log.logger", new StderrLogger());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> felixConfig = (Map) config; // Felix also takes objects, such as its logger
        this.framework = factory.newFramework(felixConfig);
    }

    /** Initialises the framework (start level 0): bundles can be installed, none is started. */
    void init() throws LauncherException {
        try {
            framework.init();
        } catch (BundleException e) {
            throw new LauncherException(1, "ggen: cannot initialise the OSGi framework: " + e.getMessage(), e);
        }
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null
                    && event.getBundle().getBundleId() != 0) {
                fail(event.getBundle(), event.getThrowable());
            }
        });
    }

    /**
     * Installs the jars of {@code folder} at its start level and marks them to start; they start when the
     * framework reaches that level ({@link #start()}).
     */
    void install(BootFolder folder) throws LauncherException {
        for (Path jar : jars(folder.dir())) {
            Bundle bundle = install(jar);
            if (bundle != null) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(folder.startLevel());
                startOrReport(bundle);
            }
        }
    }

    /** Installs {@code jar} and starts it now; null when it cannot be installed. */
    Bundle installAndStart(Path jar) {
        Bundle bundle = install(jar);
        if (bundle != null) {
            startOrReport(bundle);
        }
        return bundle;
    }

    /** Starts the framework; returns once it has reached its beginning start level. */
    void start() throws LauncherException {
        try {
            framework.start();
        } catch (BundleException e) {
            throw new LauncherException(1, "ggen: cannot start the OSGi framework: " + e.getMessage(), e);
        }
    }

    /** Stops the framework and waits up to {@code timeout} for it; does nothing when it is not running. */
    void stop(Duration timeout) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(timeout.toMillis());
        } catch (BundleException e) {
            System.err.println("ggen: the OSGi framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Framework framework() {
        return framework;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** One line per bundle that is not active (fragments aside), with why when it is known. */
    List<String> inactiveBundles() {
        List<String> lines = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            if (bundle.getBundleId() == 0 || bundle.getState() == Bundle.ACTIVE || isFragment(bundle)) {
                continue;
            }
            String reason = failures.getOrDefault(bundle.getBundleId(), stateName(bundle.getState()));
            lines.add(describe(bundle) + ": " + reason);
        }
        return lines;
    }

    private Bundle install(Path jar) {
        return install("reference:file:" + jar.toAbsolutePath(), home.shortName(jar));
    }

    /** Installs the bundle at {@code location} (as another framework named it) and starts it now; null when it cannot be installed. */
    Bundle installAndStart(String location) {
        Bundle bundle = install(location, location);
        if (bundle != null) {
            startOrReport(bundle);
        }
        return bundle;
    }

    private Bundle install(String location, String name) {
        try {
            return context().installBundle(location);
        } catch (BundleException | RuntimeException e) {
            System.err.println("ggen: warning: " + name + " is not installed: " + e.getMessage());
            return null;
        }
    }

    private void startOrReport(Bundle bundle) {
        if (isFragment(bundle)) {
            return; // fragments are attached to their host, never started
        }
        try {
            bundle.start();
        } catch (BundleException | RuntimeException e) {
            fail(bundle, e);
        }
    }

    private void fail(Bundle bundle, Throwable error) {
        String reason = BundleFailures.reason(error);
        boolean stopping = framework.getState() == Bundle.STOPPING;
        if (stopping || failures.putIfAbsent(bundle.getBundleId(), reason) == null) {
            System.err.println("ggen: warning: " + describe(bundle) + (stopping ? " did not stop cleanly: " : " did not start: ")
                    + reason);
        }
    }

    private String describe(Bundle bundle) {
        String location = bundle.getLocation();
        String file = location.startsWith("reference:file:")
                ? home.shortName(Path.of(location.substring("reference:file:".length())))
                : location;
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + file + ")";
    }

    private static List<Path> jars(Path dir) throws LauncherException {
        try {
            return BootFolder.jarsIn(dir);
        } catch (java.io.IOException e) {
            throw new LauncherException(1, "ggen: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "not resolved";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting (lazy activation or a slow activator)";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + state;
        };
    }
}
