package io.ggen.ffi.testkit;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real Felix that runs bridge bundles with the platform's core bundles (Declarative Services,
 * Configuration Admin, the runtime, type conversion, metrics), without the whole distribution: the
 * in-framework half of a bridge's tests. The core bundles come from the test class path (they are
 * this testkit's dependencies); the API is shared with the test through the system bundle, so the
 * test calls the {@link ForeignRuntime} service with its own classes.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BridgeFramework felix = BridgeFramework.withProjectBundle();
 *
 * @Test
 * void answersInFelix() {
 *     try (ForeignModule module = felix.runtime().load(ModuleSpec.code("upper", "x"))) {
 *         assertThat(module.call("echo", "hi")).isEqualTo("hi");
 *     }
 * }
 * }</pre>
 *
 * Run it after the bundle is packaged: in Maven's {@code integration-test} phase (Failsafe).
 */
public final class BridgeFramework implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The bundles every run starts, by symbolic name, in start order. */
    public static final List<String> CORE = List.of("org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component", "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.log",
        "com.google.gson", "io.ggen.ffi.convert", "io.ggen.ffi.runtime", "io.ggen.ffi.metrics");

    /** The system property that names the bundle {@link #withProjectBundle()} runs. */
    public static final String BUNDLE_PROPERTY = "ggen.testkit.bundle";

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The bridge bundles, found when the framework starts (so that a missing jar fails the test, not the class). */
    private final Supplier<List<Path>> bridgeBundles;
    private final List<String> extraBundles = new ArrayList<>();
    private final List<String> systemPackages = new ArrayList<>();
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();
    private Framework framework;
    private Path storage;

    private BridgeFramework(Supplier<List<Path>> bridgeBundles) {
        this.bridgeBundles = bridgeBundles;
    }

    /** A framework that runs these bridge bundles (jar files). */
    public static BridgeFramework withBundles(Path... bridgeBundles) {
        List<Path> bundles = List.of(bridgeBundles);
        return new BridgeFramework(() -> bundles);
    }

    /**
     * A framework that runs the bundle this project builds: the jar the system property
     * {@value #BUNDLE_PROPERTY} names (set it in Failsafe's configuration to
     * {@code ${project.build.directory}/${project.build.finalName}.jar}), else the one jar in
     * {@code target/} with a {@code Bundle-SymbolicName} (not the sources or tests jar).
     */
    public static BridgeFramework withProjectBundle() {
        return new BridgeFramework(() -> List.of(projectBundle(Path.of("target"))));
    }

    /**
     * Bundles from the test class path to start as well, by symbolic name: what the bridge
     * imports besides the API and the core, e.g. {@code io.ggen.ffi.polyglot}.
     */
    public BridgeFramework withClassPathBundles(String... symbolicNames) {
        extraBundles.addAll(List.of(symbolicNames));
        return this;
    }

    /**
     * Packages the system bundle exports from the test class path as well, e.g.
     * {@code org.graalvm.polyglot;version=25.0.3} for a bridge over a library that must not be
     * redeployed.
     */
    public BridgeFramework withSystemPackages(String... packages) {
        systemPackages.addAll(List.of(packages));
        return this;
    }

    /** Starts the framework and every bundle; waits for the runtime service. */
    public void start() {
        if (framework != null) {
            return;
        }
        try {
            storage = Files.createTempDirectory("ggen-testkit-felix");
            Map<String, String> config = new HashMap<>();
            config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra());
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test class path: add"
                    + " org.apache.felix:org.apache.felix.framework"))
                .newFramework(config);
            framework.start();
            Map<String, Path> classPath = classPathBundles();
            List<Bundle> installed = new ArrayList<>();
            for (String name : union(CORE, extraBundles)) {
                Path jar = classPath.get(name);
                if (jar == null) {
                    throw new IllegalStateException("bundle " + name + " is not on the test class path; add the"
                        + " dependency that provides it (test scope)");
                }
                installed.add(install(jar));
            }
            for (Path bridge : bridgeBundles.get()) {
                installed.add(install(bridge));
            }
            for (Bundle bundle : installed) {
                start(bundle);
            }
            runtime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BundleException e) {
            throw new IllegalStateException("the framework did not start: " + e.getMessage(), e);
        }
    }

    private Bundle install(Path jar) throws BundleException {
        return framework.getBundleContext().installBundle(jar.toUri().toString());
    }

    private static void start(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                + " did not start: " + e.getMessage(), e);
        }
    }

    /** The framework's context, for what the other methods do not cover. */
    public BundleContext context() {
        if (framework == null) {
            throw new IllegalStateException("the framework is not started: register it with @RegisterExtension"
                + " or call start()");
        }
        return framework.getBundleContext();
    }

    /** The runtime service, once it is there. */
    public ForeignRuntime runtime() {
        return service(ForeignRuntime.class);
    }

    /**
     * A service of the framework, waiting for it up to 30 s. The service stays in use until the
     * framework stops: a delayed component is not deactivated between two calls.
     */
    public <S> S service(Class<S> type) {
        ServiceTracker<?, ?> tracker = trackers.computeIfAbsent(type, t -> {
            ServiceTracker<?, ?> opened = new ServiceTracker<>(context(), t, null);
            opened.open();
            return opened;
        });
        try {
            Object service = tracker.waitForService(PATIENCE.toMillis());
            if (service == null) {
                throw new AssertionError("no " + type.getName() + " service after " + PATIENCE.toSeconds() + " s; bundles: "
                    + bundleStates());
            }
            return type.cast(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getName(), e);
        }
    }

    /** The bridge that serves the language (its id or an alias), once it is registered; waits up to 30 s. */
    public BridgeInfo bridge(String language) {
        ForeignRuntime runtime = runtime();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<BridgeInfo> bridge = runtime.bridges().stream().filter(b -> b.serves(language)).findFirst();
            if (bridge.isPresent()) {
                return bridge.get();
            }
            try {
                Thread.sleep(50);   // the registry offers no event to wait on; poll briefly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no bridge for " + language + " after " + PATIENCE.toSeconds() + " s; bridges: "
            + runtime.bridges() + "; bundles: " + bundleStates());
    }

    /** The installed bundle with this symbolic name. */
    public Optional<Bundle> bundle(String symbolicName) {
        return Stream.of(context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private String bundleStates() {
        List<String> states = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            states.add(bundle.getSymbolicName() + " " + stateName(bundle.getState()));
        }
        return String.join(", ", states);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (not resolved)";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    /** Stops the framework and deletes its storage. */
    @Override
    public void close() {
        if (framework == null) {
            return;
        }
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
        try {
            framework.stop();
            framework.waitForStop(PATIENCE.toMillis());
        } catch (BundleException e) {
            throw new IllegalStateException("the framework did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            framework = null;
            deleteStorage();
        }
    }

    private void deleteStorage() {
        try (Stream<Path> files = Files.walk(storage)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary folder left behind costs nothing worth failing a test for
            System.getLogger(BridgeFramework.class.getName()).log(System.Logger.Level.DEBUG,
                "could not delete " + storage, e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private String systemPackagesExtra() {
        List<String> packages = new ArrayList<>();
        packages.add(apiExports());
        packages.addAll(systemPackages);
        return String.join(",", packages);
    }

    /** The API bundle's Export-Package header, read from the jar the test's own API classes come from. */
    private static String apiExports() {
        try {
            Path api = Path.of(ForeignRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String exports = manifest(api).map(m -> m.getMainAttributes().getValue(Constants.EXPORT_PACKAGE)).orElse(null);
            if (exports == null) {
                throw new IllegalStateException(api + " has no Export-Package: is it the io.ggen.ffi.api bundle?");
            }
            return exports;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the io.ggen.ffi.api jar", e);
        }
    }

    /** The bundles of the test class path by symbolic name. */
    static Map<String, Path> classPathBundles() {
        Map<String, Path> bundles = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            symbolicName(path).ifPresent(name -> bundles.putIfAbsent(name, path));
        }
        return bundles;
    }

    static Path projectBundle(Path target) {
        String named = System.getProperty(BUNDLE_PROPERTY);
        if (named != null) {
            Path bundle = Path.of(named);
            if (!Files.isRegularFile(bundle)) {
                throw new IllegalStateException(BUNDLE_PROPERTY + " names " + bundle.toAbsolutePath() + ", which is not a"
                    + " file; run the in-framework tests after the package phase (Failsafe)");
            }
            return bundle;
        }
        try (Stream<Path> files = Files.list(target)) {
            List<Path> bundles = files.filter(f -> f.toString().endsWith(".jar"))
                .filter(f -> !f.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                .filter(f -> symbolicName(f).isPresent()).toList();
            if (bundles.size() != 1) {
                throw new IllegalStateException("expected one bundle in " + target.toAbsolutePath() + ", found " + bundles
                    + "; run the in-framework tests after the package phase (Failsafe), name the jar in the system property "
                    + BUNDLE_PROPERTY + " or with withBundles(...)");
            }
            return bundles.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target.toAbsolutePath(), e);
        }
    }

    private static Optional<String> symbolicName(Path path) {
        return manifest(path).map(m -> m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME))
            .map(name -> name.split(";")[0].strip());
    }

    private static Optional<Manifest> manifest(Path path) {
        if (Files.isDirectory(path)) {
            Path file = path.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                return Optional.of(new Manifest(in));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (!Files.isRegularFile(path) || !path.toString().endsWith(".jar")) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return Optional.ofNullable(jar.getManifest());
        } catch (IOException e) {
            return Optional.empty();   // not a jar we can read: not a bundle
        }
    }

    private static List<String> union(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        second.stream().filter(name -> !all.contains(name)).forEach(all::add);
        return all;
    }
}
