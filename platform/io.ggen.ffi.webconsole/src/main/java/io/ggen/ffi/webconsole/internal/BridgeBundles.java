package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;

/**
 * The bundles of the bridges, and their life cycle: stop, start, restart. A bundle counts as a bridge
 * bundle when it serves a bridge now, declares a {@link ForeignBridge} service (the
 * {@code osgi.service} capability bnd writes for a Declarative Services component), or served one
 * since the console started, so that a stopped bridge bundle stays on the page to be started again.
 * No other bundle is stopped or started from here (the console's Bundles page does that).
 */
final class BridgeBundles {

    static final String SERVICE_NAMESPACE = "osgi.service";

    private final BundleContext context;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    BridgeBundles(BundleContext context) {
        this.context = context;
    }

    /** The bridge bundles installed now, by symbolic name and version. */
    List<Bundle> list(List<BridgeInfo> bridges) {
        return Stream.of(context.getBundles())
            .filter(bundle -> bundle.getState() != Bundle.UNINSTALLED && isBridgeBundle(bundle, bridges))
            .sorted(Comparator.comparing(BridgeBundles::name).thenComparing(Bundle::getVersion))
            .toList();
    }

    /** A bridge bundle by its id, if it is one. */
    Optional<Bundle> find(long id, List<BridgeInfo> bridges) {
        return Optional.ofNullable(context.getBundle(id)).filter(bundle -> bundle.getState() != Bundle.UNINSTALLED
            && isBridgeBundle(bundle, bridges));
    }

    /** The bundle a bridge comes from. */
    Optional<Bundle> of(BridgeInfo bridge) {
        return Stream.of(context.getBundles()).filter(bundle -> serves(bundle, bridge)).findFirst();
    }

    private boolean isBridgeBundle(Bundle bundle, Collection<BridgeInfo> bridges) {
        if (bridges.stream().anyMatch(bridge -> serves(bundle, bridge))) {
            seen.add(bundle.getBundleId());
            return true;
        }
        return seen.contains(bundle.getBundleId()) || declaresBridge(bundle);
    }

    static boolean serves(Bundle bundle, BridgeInfo bridge) {
        return bridge.bundle().equals(bundle.getSymbolicName()) && bridge.version().equals(bundle.getVersion().toString());
    }

    static boolean declaresBridge(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (Capability capability : revision.getCapabilities(SERVICE_NAMESPACE)) {
            Object classes = capability.getAttributes().get("objectClass");
            boolean bridge = switch (classes) {
                case String name -> name.equals(ForeignBridge.class.getName());
                case String[] names -> List.of(names).contains(ForeignBridge.class.getName());
                case Collection<?> names -> names.contains(ForeignBridge.class.getName());
                case null, default -> false;
            };
            if (bridge) {
                return true;
            }
        }
        return false;
    }

    /** The symbolic name, or the location for a bundle without one. */
    static String name(Bundle bundle) {
        return bundle.getSymbolicName() != null ? bundle.getSymbolicName() : bundle.getLocation();
    }

    /** ACTIVE, RESOLVED, INSTALLED...: the state as the console's Bundles page names it. */
    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + bundle.getState();
        };
    }

    /** What a bundle action does to a bundle. */
    enum Change {
        STOP("Stopped", "stop"), START("Started", "start"), RESTART("Restarted", "restart");

        final String done;
        final String verb;

        Change(String done, String verb) {
            this.done = done;
            this.verb = verb;
        }
    }

    /**
     * Stops, starts or restarts the bundle, persistently (so that FileInstall does not start a bundle
     * stopped here again); says what it did, e.g. "Restarted bundle X (was ACTIVE, now ACTIVE)".
     */
    Notice change(Bundle bundle, Change change) {
        String was = state(bundle);
        try {
            if (change != Change.START) {
                bundle.stop();
            }
            if (change != Change.STOP) {
                bundle.start();
            }
        } catch (BundleException | IllegalStateException e) { // e.g. unresolved, or uninstalled meanwhile
            return Notice.failed("Could not " + change.verb + " bundle " + name(bundle) + " (was " + was + ", now "
                + state(bundle) + "): " + e.getMessage());
        }
        return Notice.done(change.done + " bundle " + name(bundle) + " (was " + was + ", now " + state(bundle) + ")");
    }
}
