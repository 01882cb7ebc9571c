package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The configuration PIDs of components, from Service Component Runtime's descriptions: the
 * bridges' (a component's properties, {@code service.ranking} among them, are overridden by its
 * configuration, and become its service's properties) and the runtime's.
 */
final class ComponentPids {

    static final String IGNORE = "ignore";

    private final Supplier<ServiceComponentRuntime> scr;

    ComponentPids(Supplier<ServiceComponentRuntime> scr) {
        this.scr = scr;
    }

    /** The PID of the component of {@code bundle} that registers the bridge named {@code name}. */
    ComponentPid ofBridge(Bundle bundle, String name) {
        ServiceComponentRuntime runtime = scr.get();
        if (runtime == null) {
            return ComponentPid.none("Service Component Runtime is not present: its configuration PID is unknown");
        }
        Optional<ComponentDescriptionDTO> component = runtime.getComponentDescriptionDTOs(bundle).stream()
            .filter(d -> provides(d, ForeignBridge.class.getName()) && name.equals(d.properties.get(ForeignBridge.NAME)))
            .findFirst();
        return component.map(ComponentPids::pid).orElseGet(() -> ComponentPid.none("not a Declarative Services"
            + " component: its bundle registers it in code, with the ranking the code gives"));
    }

    /** The PID of the first component that provides {@code service}, e.g. the runtime's. */
    ComponentPid ofService(String service) {
        ServiceComponentRuntime runtime = scr.get();
        if (runtime == null) {
            return ComponentPid.none("Service Component Runtime is not present: the configuration PID of "
                + service + " is unknown");
        }
        return runtime.getComponentDescriptionDTOs().stream().filter(d -> provides(d, service)).findFirst()
            .map(ComponentPids::pid)
            .orElseGet(() -> ComponentPid.none("no Declarative Services component provides " + service));
    }

    private static boolean provides(ComponentDescriptionDTO description, String service) {
        return description.serviceInterfaces != null && List.of(description.serviceInterfaces).contains(service);
    }

    private static ComponentPid pid(ComponentDescriptionDTO description) {
        if (IGNORE.equals(description.configurationPolicy)) {
            return new ComponentPid(null, description.name, ownRanking(description), "its component "
                + description.name + " ignores configuration (configuration-policy ignore)");
        }
        String[] pids = description.configurationPid;
        String pid = pids == null || pids.length == 0 ? description.name : pids[pids.length - 1];
        return new ComponentPid(pid, description.name, ownRanking(description), null);
    }

    private static int ownRanking(ComponentDescriptionDTO description) {
        return description.properties != null && description.properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking
            ? ranking : 0;
    }
}
