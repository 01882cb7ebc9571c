package io.ggen.ffi.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** The framework this bundle runs in, for the commands that manage the running container. */
final class Container {

    /** FileInstall's folder, as conf/ggen.properties sets it. */
    static final String DEPLOY_DIR_PROPERTY = "felix.fileinstall.dir";

    private Container() {
    }

    static BundleContext context() {
        Bundle bundle = FrameworkUtil.getBundle(Container.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the shell bundle is not active");
        }
        return context;
    }

    /** A service read at once: got and let go (nothing is kept between commands). */
    static <S> Optional<S> service(Class<S> type) {
        BundleContext context = context();
        ServiceReference<S> reference = context.getServiceReference(type);
        if (reference == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(context.getService(reference));
        } finally {
            context.ungetService(reference);
        }
    }

    /** The hot deploy folder FileInstall watches. */
    static Path deployDir(BundleContext context) {
        String dir = context.getProperty(DEPLOY_DIR_PROPERTY);
        if (dir == null) {
            dir = Path.of(System.getProperty("ggen.home", "."), "deploy").toString();
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** A bundle file's symbolic name and version. */
    record BundleId(String symbolicName, Version version) {

        /** The jar's identity; empty when its manifest has no {@code Bundle-SymbolicName}. */
        static Optional<BundleId> of(Path jar) throws IOException {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
                String name = main == null ? null : main.getValue(Constants.BUNDLE_SYMBOLICNAME);
                if (name == null) {
                    return Optional.empty();
                }
                return Optional.of(new BundleId(name.split(";")[0].trim(),
                    Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION))));
            }
        }

        boolean matches(Bundle bundle) {
            return symbolicName.equals(bundle.getSymbolicName()) && version.equals(bundle.getVersion());
        }

        /** The installed bundle with this identity. */
        Optional<Bundle> installed(BundleContext context) {
            for (Bundle bundle : context.getBundles()) {
                if (matches(bundle)) {
                    return Optional.of(bundle);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return symbolicName + " " + version;
        }
    }

    /** Whether the file is a jar in the deploy folder (FileInstall's kind). */
    static boolean isDeployedJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }
}
