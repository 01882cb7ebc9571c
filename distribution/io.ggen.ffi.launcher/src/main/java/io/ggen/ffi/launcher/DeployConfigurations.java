package io.ggen.ffi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * For CLI runs, which have no FileInstall: gives the {@code *.cfg} and {@code *.config} files of deploy/ to
 * Configuration Admin the way FileInstall would ({@code pid.cfg}, {@code factoryPid-name.cfg}), so a command
 * sees the same configuration as {@code ggen start}.
 *
 * <p>The launcher is outside the framework and does not share Configuration Admin's API classes: it calls
 * the service through the interface classes of the bundle that registered it.
 */
final class DeployConfigurations {

    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private DeployConfigurations() {
    }

    static void apply(BundleContext context, Path deployDir) {
        List<Path> files = configFiles(deployDir);
        if (files.isEmpty()) {
            return;
        }
        ServiceReference<?> reference = context.getServiceReference(CONFIG_ADMIN);
        if (reference == null) {
            System.err.println("ggen: warning: no Configuration Admin in boot/1-core: the configuration files in deploy/ are ignored");
            return;
        }
        Object configAdmin = context.getService(reference);
        try {
            Bundle provider = reference.getBundle();
            for (Path file : files) {
                try {
                    apply(provider, configAdmin, file);
                } catch (IOException | ReflectiveOperationException | RuntimeException e) {
                    Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                    System.err.println("ggen: warning: " + file.getFileName() + " is not applied: " + cause);
                }
            }
        } finally {
            context.ungetService(reference);
        }
    }

    private static void apply(Bundle provider, Object configAdmin, Path file)
            throws IOException, ReflectiveOperationException {
        String fileName = file.getFileName().toString();
        String pid = fileName.substring(0, fileName.lastIndexOf('.'));
        Dictionary<String, Object> properties = read(provider, file);

        Class<?> adminType = provider.loadClass(CONFIG_ADMIN);
        Object configuration;
        int dash = pid.indexOf('-');
        if (dash > 0) { // FileInstall's rule: factoryPid-name
            configuration = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                    .invoke(configAdmin, pid.substring(0, dash), pid.substring(dash + 1), "?");
        } else {
            configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                    .invoke(configAdmin, pid, "?");
        }
        provider.loadClass("org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class)
                .invoke(configuration, properties);
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> read(Bundle provider, Path file)
            throws IOException, ReflectiveOperationException {
        if (file.getFileName().toString().endsWith(".config")) {
            // Felix's typed format; its reader is exported by the Configuration Admin bundle.
            try (InputStream in = Files.newInputStream(file)) {
                return (Dictionary<String, Object>) provider.loadClass("org.apache.felix.cm.file.ConfigurationHandler")
                        .getMethod("read", InputStream.class).invoke(null, in);
            }
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.stringPropertyNames().forEach(key -> dictionary.put(key, properties.getProperty(key)));
        return dictionary;
    }

    private static List<Path> configFiles(Path deployDir) {
        if (!Files.isDirectory(deployDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(deployDir)) {
            return children.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(".cfg") || path.toString().endsWith(".config"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            System.err.println("ggen: warning: cannot list " + deployDir + ": " + e.getMessage());
            return List.of();
        }
    }
}
