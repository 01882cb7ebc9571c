package io.ggen.ffi.itests;

import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.stream.Stream;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The one place that provisions a framework for the in-framework tests: the platform bundles as
 * built, the Felix services they need, and the JavaScript bridge; GraalVM on the class path,
 * exported by the system bundle exactly as the distribution does it.
 */
public abstract class PlatformTestSupport {

    static final String JS_BRIDGE = "io.ggen.ffi.bridge.js";

    /** Provisioned by the Python tests only: starting GraalPy costs every other test class a second. */
    static final String PY_BRIDGE = "io.ggen.ffi.bridge.python";

    /** What the distribution's conf/ggen.properties exports from the class path. */
    static final String[] GRAAL_PACKAGES = Stream.of("org.graalvm.polyglot", "org.graalvm.polyglot.proxy",
            "org.graalvm.polyglot.io", "org.graalvm.polyglot.management", "org.graalvm.options", "org.graalvm.home")
        .map(name -> name + ";version=" + System.getProperty("ggen.graalvm.version")).toArray(String[]::new);

    /** The C bridge on Panama FFM (the memory manager it needs is in every test's set). */
    static Option[] cBridge() {
        return options(ggen("io.ggen.ffi.bridge.panama"));
    }

    /** The RPC worker bridge with lsp4j's JSON-RPC. */
    static Option[] rpcBridge() {
        return options(mavenBundle("org.eclipse.lsp4j", "org.eclipse.lsp4j.jsonrpc").versionAsInProject(),
            ggen("io.ggen.ffi.bridge.rpc"));
    }

    /** The installed bundle of that symbolic name. */
    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no " + symbolicName + " bundle");
    }

    static MavenArtifactProvisionOption ggen(String artifactId) {
        return mavenBundle("io.ggen.ffi", artifactId).versionAsInProject();
    }

    /**
     * The probe imports the assertion libraries when it resolves, not on first use. Left to the probe's
     * {@code DynamicImport-Package: *}, a class load that races another thread's first load from the same
     * package (a test's worker threads asserting at once) can get a {@code ClassNotFoundException} from
     * Felix, and the JVM then fails every later use of that class in the test class the same way.
     */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        return probe.setHeader("Import-Package", String.join(",", "org.assertj.core.api",
            "org.assertj.core.api.iterable", "org.assertj.core.groups", "org.awaitility", "org.awaitility.core"));
    }

    @Configuration
    public Option[] config() {
        return options(
            systemPackages(GRAAL_PACKAGES),
            systemProperty("polyglot.engine.WarnInterpreterOnly").value("false"),
            mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
            mavenBundle("com.google.code.gson", "gson").versionAsInProject(),
            mavenBundle("info.picocli", "picocli").versionAsInProject(),
            ggen("io.ggen.ffi.api"),
            ggen("io.ggen.ffi.convert"),
            ggen("io.ggen.ffi.runtime"),
            ggen("io.ggen.ffi.metrics"),
            ggen("io.ggen.ffi.tracing"),   // off (no exporter): registers no interceptor
            mavenBundle("com.github.ben-manes.caffeine", "caffeine").versionAsInProject(),
            ggen("io.ggen.ffi.cache"),
            ggen("io.ggen.ffi.batch"),
            ggen("io.ggen.ffi.memory"),
            ggen("io.ggen.ffi.c"),
            ggen("io.ggen.ffi.bindgen"),
            ggen("io.ggen.ffi.shell"),
            ggen("io.ggen.ffi.benchmark"),
            ggen("io.ggen.ffi.polyglot"),
            ggen(JS_BRIDGE),
            mavenBundle("org.assertj", "assertj-core").versionAsInProject(),
            // Awaitility and the Hamcrest 2 it imports (junitBundles() brings JUnit 4's Hamcrest 1.3)
            mavenBundle("org.awaitility", "awaitility").versionAsInProject(),
            mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
            mavenBundle("net.bytebuddy", "byte-buddy").versionAsInProject(),
            junitBundles());
    }
}
