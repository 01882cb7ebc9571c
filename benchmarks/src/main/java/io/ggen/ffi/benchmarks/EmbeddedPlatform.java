package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.ForeignRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A Felix framework with the assembled distribution's core bundles and bridges, embedded in the
 * benchmark JVM. The API packages are exported by the system bundle, so the benchmark holds the
 * very {@link ForeignRuntime} service that bundles use.
 */
final class EmbeddedPlatform implements AutoCloseable {

    /** The polyglot API's version (its jar's), which the system bundle exports its packages as. */
    private static final String GRAAL = polyglotVersion();
    private static final String JNA = com.sun.jna.Native.VERSION;
    /** The version of io.ggen.ffi.api and its SPI (their package-info's @Version). */
    private static final String API = "1.1.0";
    /** The version of io.ggen.ffi.c (its package-info's @Version). */
    private static final String C_API = "1.1.0";

    /** Boot bundles whose packages the system bundle exports instead, from the benchmark's class path. */
    private static final java.util.regex.Pattern SHARED_WITH_THE_BENCHMARK =
        java.util.regex.Pattern.compile("(io\\.ggen\\.ffi\\.api|io\\.ggen\\.ffi\\.c|jna)-[0-9]");

    private final Framework framework;
    private final Path storage;

    private static String polyglotVersion() {
        try (var in = org.graalvm.polyglot.Engine.class.getResourceAsStream("/META-INF/graalvm/org.graalvm.polyglot/version")) {
            if (in == null) {
                throw new IllegalStateException("the polyglot jar on the class path tells no version");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private EmbeddedPlatform(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /** Boots the distribution the system property {@code ggen.home} names, else the one the build assembled. */
    static EmbeddedPlatform boot() throws Exception {
        return boot(Path.of(System.getProperty("ggen.home", "distribution/ggen-ffi/target/ggen-ffi")));
    }

    /**
     * Boots the bundles of {@code home}/boot/1-core (but the API) and {@code home}/deploy, except
     * those whose file name starts with one of the comma-separated prefixes of the system property
     * {@code ggen.bench.without} (e.g. {@code io.ggen.ffi.metrics}, to measure without metrics).
     */
    static EmbeddedPlatform boot(Path home) throws Exception {
        List<String> without = List.of(System.getProperty("ggen.bench.without", "").split(","));
        if (!Files.isDirectory(home.resolve("boot/1-core"))) {
            throw new IllegalStateException("no distribution at " + home
                + ": build it first (./test -DskipTests) or pass -Dggen.home=<distribution folder>");
        }
        Path storage = Files.createTempDirectory("ggen-bench-felix");
        String extra = String.join(",",
            "io.ggen.ffi.api;version=" + API, "io.ggen.ffi.api.spi;version=" + API, "io.ggen.ffi.c;version=" + C_API,
            "com.sun.jna;version=" + JNA, "com.sun.jna.ptr;version=" + JNA,
            "org.graalvm.polyglot;version=" + GRAAL, "org.graalvm.polyglot.proxy;version=" + GRAAL,
            "org.graalvm.polyglot.io;version=" + GRAAL, "org.graalvm.polyglot.management;version=" + GRAAL,
            "org.graalvm.options;version=" + GRAAL, "org.graalvm.home;version=" + GRAAL);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
            Constants.FRAMEWORK_STORAGE, storage.toString(),
            Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
            Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, extra,
            "felix.log.level", "1"));
        framework.start();
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars(home.resolve("boot/1-core"))) {
            String file = jar.getFileName().toString();
            if (!SHARED_WITH_THE_BENCHMARK.matcher(file).lookingAt() && without.stream().noneMatch(p -> !p.isBlank() && file.startsWith(p))) {
                bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            }
        }
        for (Path jar : jars(home.resolve("deploy"))) {
            bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
        }
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return new EmbeddedPlatform(framework, storage);
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A service the platform registers, waiting for it up to 30 s. */
    <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(framework.getBundleContext(), type, null);
        tracker.open();
        S service = tracker.waitForService(30_000);
        if (service == null) {
            throw new IllegalStateException("no " + type.getName() + " service after 30 s");
        }
        return service;
    }

    /** A service the platform registers that matches {@code filter}, e.g. {@code (bridge.name=panama)}, waiting up to 30 s. */
    <S> S service(Class<S> type, String filter) throws Exception {
        var context = framework.getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context,
            context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        S service = tracker.waitForService(30_000);
        if (service == null) {
            throw new IllegalStateException("no " + type.getName() + " service " + filter + " after 30 s");
        }
        return service;
    }

    /** The runtime, once a bridge for {@code language} is present. */
    ForeignRuntime runtime(String language) throws Exception {
        ServiceTracker<ForeignRuntime, ForeignRuntime> tracker =
            new ServiceTracker<>(framework.getBundleContext(), ForeignRuntime.class, null);
        tracker.open();
        ForeignRuntime runtime = tracker.waitForService(30_000);
        if (runtime == null) {
            throw new IllegalStateException("no ForeignRuntime service after 30 s");
        }
        for (int i = 0; i < 600; i++) {
            if (runtime.bridges().stream().anyMatch(b -> b.language().equals(language))) {
                return runtime;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no bridge for " + language + " after 30 s");
    }

    /**
     * Gives the configuration {@code pid} these properties through the framework's Configuration
     * Admin, by reflection: its API is the framework's, not on the benchmark's class path.
     */
    void configure(String pid, Map<String, Object> properties) throws Exception {
        var context = framework.getBundleContext();
        var reference = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (reference == null) {
            throw new IllegalStateException("no ConfigurationAdmin service");
        }
        Object admin = context.getService(reference);
        ClassLoader api = reference.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Object configuration = api.loadClass("org.osgi.service.cm.ConfigurationAdmin")
            .getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, "?");
        api.loadClass("org.osgi.service.cm.Configuration").getMethod("update", java.util.Dictionary.class)
            .invoke(configuration, new java.util.Hashtable<>(properties));
    }

    /** Whether a service matching this filter is registered, e.g. {@code (interceptor.name=tracing)}. */
    boolean registered(String filter) throws Exception {
        return framework.getBundleContext().getServiceReferences((String) null, filter) != null;
    }

    @Override
    public void close() throws BundleException, InterruptedException, IOException {
        framework.stop();
        framework.waitForStop(30_000);
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
