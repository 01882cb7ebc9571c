package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * A bridge's configuration, changed in the running container: the bridge's Declarative Services component
 * (found through Service Component Runtime) takes it from ConfigurationAdmin, restarts with it, and its
 * service carries the configured properties. The other properties of the configuration are kept.
 */
final class BridgeConfigurations {

    private final BundleContext context;

    BridgeConfigurations(BundleContext context) {
        this.context = context;
    }

    /** The bridge's service properties now; empty when it is not registered (it restarts, say). */
    Optional<Map<String, Object>> properties(BridgeInfo bridge) {
        return reference(bridge).map(reference -> {
            Map<String, Object> properties = new HashMap<>();
            for (String key : reference.getPropertyKeys()) {
                properties.put(key, reference.getProperty(key));
            }
            return properties;
        });
    }

    /**
     * The PID of the bridge's component configuration.
     *
     * @throws IllegalStateException the bridge is no configurable component; the message says why
     */
    String pid(BridgeInfo bridge) {
        ServiceReference<?> reference = reference(bridge).orElseThrow(() -> new IllegalStateException("the "
            + bridge.language() + " bridge " + bridge.name() + " is not registered now (it may be restarting): try again"));
        ComponentDescriptionDTO component = using(ServiceComponentRuntime.class, scr -> scr == null ? null
            : scr.getComponentDescriptionDTO(reference.getBundle(),
                String.valueOf(reference.getProperty(ComponentConstants.COMPONENT_NAME))));
        if (component == null) {
            throw new IllegalStateException("the " + bridge.language() + " bridge " + bridge.name() + " is not a"
                + " Declarative Services component (or Service Component Runtime is not active): it has no"
                + " configuration to change");
        }
        if ("ignore".equals(component.configurationPolicy)) {
            throw new IllegalStateException("the component " + component.name + " of the " + bridge.language()
                + " bridge ignores configuration");
        }
        String[] pids = component.configurationPid;
        return pids == null || pids.length == 0 ? component.name : pids[pids.length - 1];
    }

    /** Sets the properties in the configuration with that PID, made when there is none. */
    void update(String pid, Map<String, Object> changes) throws IOException {
        IOException[] failure = new IOException[1];
        using(ConfigurationAdmin.class, admin -> {
            if (admin == null) {
                throw new IllegalStateException("ConfigurationAdmin is not active (bundle org.apache.felix.configadmin):"
                    + " nothing can be configured");
            }
            try {
                update(admin.getConfiguration(pid, null), changes);
            } catch (IOException e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void update(Configuration configuration, Map<String, Object> changes) throws IOException {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            properties.put(change.getKey(), change.getValue());
        }
        configuration.update(properties);
    }

    /**
     * Waits until the bridge is registered with these property values, compared as text; true when it is
     * within {@code patience}.
     */
    boolean await(BridgeInfo bridge, Map<String, Object> expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Map<String, Object>> now = properties(bridge);
            if (now.isPresent() && expected.entrySet().stream().allMatch(e ->
                String.valueOf(e.getValue()).equals(String.valueOf(now.get().get(e.getKey()))))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    /** Runs {@code action} with the service (null when there is none), held while it runs. */
    private <S, R> R using(Class<S> type, Function<S, R> action) {
        ServiceReference<S> reference = context.getServiceReference(type);
        S service = reference == null ? null : context.getService(reference);
        try {
            return action.apply(service);
        } finally {
            if (service != null) {
                context.ungetService(reference);
            }
        }
    }

    private Optional<ServiceReference<?>> reference(BridgeInfo bridge) {
        try {
            ServiceReference<?>[] found = context.getServiceReferences(ForeignBridge.class.getName(),
                "(&(" + ForeignBridge.LANGUAGE + "=" + bridge.language() + ")(" + ForeignBridge.NAME + "=" + bridge.name() + "))");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("the bridge " + bridge.name() + " cannot be looked up: " + e.getMessage(), e);
        }
    }
}
