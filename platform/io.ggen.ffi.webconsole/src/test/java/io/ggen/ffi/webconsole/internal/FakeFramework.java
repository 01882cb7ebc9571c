package io.ggen.ffi.webconsole.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The framework around the page, faked: bundles with a life cycle, Service Component Runtime's
 * component descriptions and an in-memory ConfigurationAdmin. Listeners see bundle state changes
 * and configuration updates, as the real platform's components would.
 */
final class FakeFramework {

    final BundleContext context = mock(BundleContext.class);
    final ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);
    final ConfigurationAdmin configAdmin = mock(ConfigurationAdmin.class);
    final Map<String, Hashtable<String, Object>> configurations = new HashMap<>();
    final List<String> updates = new ArrayList<>();
    private final List<Bundle> bundles = new ArrayList<>();
    private final Map<Bundle, List<ComponentDescriptionDTO>> components = new HashMap<>();
    private final List<Consumer<String>> configurationListeners = new ArrayList<>();

    FakeFramework() throws Exception {
        when(context.getBundles()).thenAnswer(call -> bundles.toArray(Bundle[]::new));
        when(context.getBundle(anyLong())).thenAnswer(call -> bundles.stream()
            .filter(b -> b.getBundleId() == call.<Long>getArgument(0)).findFirst().orElse(null));
        when(scr.getComponentDescriptionDTOs(any(Bundle[].class))).thenAnswer(call -> {
            List<Bundle> asked = new ArrayList<>();
            for (Object argument : call.getArguments()) { // varargs, expanded or not
                if (argument instanceof Bundle[] array) {
                    asked.addAll(List.of(array));
                } else if (argument instanceof Bundle bundle) {
                    asked.add(bundle);
                }
            }
            return asked.isEmpty() ? components.values().stream().flatMap(List::stream).toList()
                : asked.stream().flatMap(b -> components.getOrDefault(b, List.of()).stream()).toList();
        });
        when(configAdmin.listConfigurations(anyString())).thenAnswer(call -> {
            Matcher pid = Pattern.compile("\\(service\\.pid=(.+)\\)").matcher(call.<String>getArgument(0));
            if (!pid.matches()) {
                throw new AssertionError("unexpected filter " + call.getArgument(0));
            }
            String unescaped = pid.group(1).replaceAll("\\\\(.)", "$1");
            return configurations.containsKey(unescaped) ? new Configuration[] {configuration(unescaped)} : null;
        });
        when(configAdmin.getConfiguration(anyString(), isNull())).thenAnswer(call -> configuration(call.getArgument(0)));
    }

    /** A bundle in state {@code state} whose stop and start change it to RESOLVED and ACTIVE. */
    Bundle bundle(long id, String name, String version, int state, boolean declaresBridge) throws BundleException {
        Bundle bundle = mock(Bundle.class, name);
        AtomicInteger current = new AtomicInteger(state);
        when(bundle.getBundleId()).thenReturn(id);
        when(bundle.getSymbolicName()).thenReturn(name);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getState()).thenAnswer(call -> current.get());
        doAnswer(call -> {
            current.set(Bundle.RESOLVED);
            return null;
        }).when(bundle).stop();
        doAnswer(call -> {
            current.set(Bundle.ACTIVE);
            return null;
        }).when(bundle).start();
        BundleRevision revision = mock(BundleRevision.class);
        Capability capability = mock(Capability.class);
        when(capability.getAttributes()).thenReturn(Map.of("objectClass",
            List.of(declaresBridge ? ForeignBridge.class.getName() : "some.other.Service")));
        when(revision.getCapabilities(BridgeBundles.SERVICE_NAMESPACE)).thenReturn(List.of(capability));
        when(bundle.adapt(BundleRevision.class)).thenReturn(revision);
        bundles.add(bundle);
        return bundle;
    }

    /** A component of {@code bundle}; {@code properties} as its description declares them. */
    ComponentDescriptionDTO component(Bundle bundle, String name, String policy, String[] pids, String service,
                                      Map<String, Object> properties) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.configurationPolicy = policy;
        description.configurationPid = pids;
        description.serviceInterfaces = new String[] {service};
        description.properties = properties;
        components.computeIfAbsent(bundle, b -> new ArrayList<>()).add(description);
        return description;
    }

    /** Called with the PID of every configuration updated, after it was stored. */
    void onUpdate(Consumer<String> listener) {
        configurationListeners.add(listener);
    }

    private Configuration configuration(String pid) throws Exception {
        Configuration configuration = mock(Configuration.class);
        when(configuration.getPid()).thenReturn(pid);
        when(configuration.getProperties()).thenAnswer(call -> {
            Hashtable<String, Object> stored = configurations.get(pid);
            return stored == null ? null : new Hashtable<>(stored);
        });
        doAnswer(call -> {
            Hashtable<String, Object> copy = new Hashtable<>();
            Dictionary<String, Object> given = call.getArgument(0);
            Collections.list(given.keys()).forEach(key -> copy.put(key, given.get(key)));
            configurations.put(pid, copy);
            updates.add(pid);
            configurationListeners.forEach(listener -> listener.accept(pid));
            return null;
        }).when(configuration).update(any());
        return configuration;
    }
}
