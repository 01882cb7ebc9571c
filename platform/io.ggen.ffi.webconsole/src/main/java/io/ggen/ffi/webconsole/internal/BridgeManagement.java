package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.webconsole.internal.BridgeBundles.Change;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * What the page shows and does about bridges: the rows of the Bridges table, their bundles' life
 * cycle, their rankings (through the configuration of each bridge's component) and the runtime's
 * default isolation (through the runtime's configuration). Every action says what it did as a
 * {@link Notice}; bad input and missing services are notices too, never exceptions.
 */
final class BridgeManagement {

    /** How long an action waits for the runtime to show its effect before saying it has not yet. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ForeignRuntime runtime;
    private final BridgeBundles bundles;
    private final ComponentPids pids;
    private final Configurations configurations;
    private final Duration patience;

    BridgeManagement(Services services, Duration patience) {
        this.runtime = services.runtime();
        this.bundles = new BridgeBundles(services.context());
        this.pids = new ComponentPids(services.components());
        this.configurations = new Configurations(services.configurations());
        this.patience = patience;
    }

    /** A row per bridge, then one per bridge bundle that serves none now. */
    List<BridgeRow> rows(List<BridgeInfo> bridges, DefaultIsolation isolation) {
        List<BridgeRow> rows = new ArrayList<>();
        List<Bundle> all = bundles.list(bridges);
        for (BridgeInfo bridge : bridges) {
            Optional<Bundle> bundle = all.stream().filter(b -> BridgeBundles.serves(b, bridge)).findFirst();
            rows.add(new BridgeRow(bridge, bundle.map(Bundle::getBundleId).orElse(-1L), bridge.bundle(), bridge.version(),
                bundle.map(BridgeBundles::state).orElse("unknown"),
                bundle.map(b -> pids.ofBridge(b, bridge.name())).orElse(ComponentPid.none("its bundle is not found")),
                isolation.covering(bridge)));
        }
        for (Bundle bundle : all) {
            if (bridges.stream().noneMatch(bridge -> BridgeBundles.serves(bundle, bridge))) {
                rows.add(new BridgeRow(null, bundle.getBundleId(), BridgeBundles.name(bundle),
                    bundle.getVersion().toString(), BridgeBundles.state(bundle), null, List.of()));
            }
        }
        return rows;
    }

    /** The runtime's default isolation as configured now. */
    DefaultIsolation isolation() {
        ComponentPid pid = pids.ofService(ForeignRuntime.class.getName());
        if (!pid.configurable()) {
            return new DefaultIsolation(pid, List.of(), pid.reason());
        }
        try {
            return new DefaultIsolation(pid, configurations.properties(pid.pid())
                .map(p -> Configurations.values(p.get(DefaultIsolation.ISOLATED))).orElse(List.of()), null);
        } catch (IOException | RuntimeException e) {
            return new DefaultIsolation(pid, List.of(), e.getMessage());
        }
    }

    /** Stops, starts or restarts a bridge bundle, by the id posted. */
    Notice change(String bundleId, Change change) {
        Optional<Bundle> found;
        try {
            found = bundle(bundleId);
        } catch (IllegalArgumentException e) {
            return Notice.failed(e.getMessage());
        }
        if (found.isEmpty()) {
            return Notice.failed("No bridge bundle has the id " + bundleId.strip() + ": it may have been uninstalled"
                + " since the page was shown. Nothing was done.");
        }
        Bundle bundle = found.get();
        Notice notice = bundles.change(bundle, change);
        if (notice.failed() || change == Change.STOP) {
            return notice;
        }
        boolean serving = await(() -> runtime.bridges().stream().anyMatch(b -> BridgeBundles.serves(bundle, b)));
        List<BridgeInfo> served = runtime.bridges().stream().filter(b -> BridgeBundles.serves(bundle, b)).toList();
        return Notice.done(notice.text() + (serving
            ? "; it serves " + served.stream().map(BridgeManagement::describe).collect(Collectors.joining(", "))
            : "; it serves no bridge yet: reload the page in a moment"));
    }

    /**
     * Sets the bridge's {@code service.ranking} in its component's configuration, or removes it when
     * {@code value} is blank (the component's own ranking applies again). The component restarts with
     * it; the notice says whether the runtime sees the new ranking within the patience.
     */
    Notice setRanking(String bundleId, String name, String value) {
        Integer ranking;
        Optional<Bundle> bundle;
        try {
            ranking = ranking(value);
            bundle = bundle(bundleId);
        } catch (IllegalArgumentException e) {
            return Notice.failed(e.getMessage());
        }
        Optional<BridgeInfo> bridge = bundle.flatMap(b -> runtime.bridges().stream()
            .filter(i -> i.name().equals(name) && BridgeBundles.serves(b, i)).findFirst());
        if (bridge.isEmpty()) {
            return Notice.failed("No bridge " + name + " of bundle " + bundleId.strip() + " is registered now (its"
                + " bundle may have stopped since the page was shown): its ranking was not changed.");
        }
        ComponentPid pid = pids.ofBridge(bundle.get(), name);
        if (!pid.configurable()) {
            return Notice.failed("The ranking of the " + describe(bridge.get()) + " cannot be changed here: " + pid.reason() + ".");
        }
        try {
            boolean configured = configurations.properties(pid.pid())
                .map(p -> p.get(Constants.SERVICE_RANKING) != null).orElse(false);
            if (ranking == null && !configured) {
                return Notice.done("The " + describe(bridge.get()) + " has no configured ranking: it keeps its own, "
                    + pid.ownRanking() + ". Nothing was changed.");
            }
            configurations.update(pid.pid(), properties -> setOrRemove(properties, Constants.SERVICE_RANKING, ranking));
        } catch (IOException | RuntimeException e) {
            return Notice.failed("Could not change the ranking of the " + describe(bridge.get()) + " in configuration "
                + pid.pid() + ": " + e.getMessage());
        }
        int expected = ranking == null ? pid.ownRanking() : ranking;
        String what = ranking == null
            ? "Removed the configured ranking of the " + describe(bridge.get()) + " (configuration " + pid.pid()
                + "): it takes its own, " + expected + ", again"
            : "Set the ranking of the " + describe(bridge.get()) + " to " + ranking + " (configuration " + pid.pid() + ")";
        boolean seen = await(() -> runtime.bridges().stream()
            .anyMatch(b -> b.name().equals(name) && b.bundle().equals(bridge.get().bundle()) && b.ranking() == expected));
        return Notice.done(what + (seen ? "; the runtime sees it now" : "; its component restarts with it: reload the"
            + " page in a moment to see it"));
    }

    /** Adds the bridge to the runtime's default isolation, or removes every entry that covers it. */
    Notice setIsolated(String language, String name, boolean isolated) {
        Optional<BridgeInfo> found = runtime.bridges().stream()
            .filter(b -> b.name().equals(name) && b.language().equals(language)).findFirst();
        if (found.isEmpty()) {
            return Notice.failed("No bridge " + name + " for " + language + " is registered now: its default isolation"
                + " was not changed.");
        }
        BridgeInfo bridge = found.get();
        DefaultIsolation now = isolation();
        if (!now.changeable()) {
            return Notice.failed("The default isolation cannot be changed here: " + now.problem() + ".");
        }
        List<String> covering = now.covering(bridge);
        if (isolated == !covering.isEmpty()) {
            return Notice.done("Modules of the " + describe(bridge) + " already run " + (isolated ? "isolated (isolated: "
                + String.join(", ", covering) + ")" : "in process") + " by default. Nothing was changed.");
        }
        List<String> entries = new ArrayList<>(now.entries());
        if (isolated) {
            entries.add(bridge.name());
        } else {
            entries.removeAll(covering);
        }
        String pid = now.pid().pid();
        try {
            configurations.update(pid, properties -> properties.put(DefaultIsolation.ISOLATED, entries.toArray(String[]::new)));
        } catch (IOException | RuntimeException e) {
            return Notice.failed("Could not change the default isolation in configuration " + pid + ": " + e.getMessage());
        }
        String list = entries.isEmpty() ? "empty" : String.join(", ", entries);
        if (isolated) {
            return Notice.done("Modules of the " + describe(bridge) + " now run isolated by default: added " + bridge.name()
                + " to isolated of configuration " + pid + " (now " + list + ")");
        }
        List<String> alsoIn = runtime.bridges().stream().filter(b -> !b.equals(bridge))
            .filter(b -> covering.stream().anyMatch(entry -> DefaultIsolation.covers(entry, b)))
            .map(BridgeManagement::describe).toList();
        return Notice.done("Modules of the " + describe(bridge) + " now run in process by default: removed "
            + String.join(", ", covering) + " from isolated of configuration " + pid + " (now " + list + ")"
            + (alsoIn.isEmpty() ? "" : "; that applies to " + String.join(", ", alsoIn) + " too"));
    }

    private Optional<Bundle> bundle(String id) {
        long parsed;
        try {
            parsed = Long.parseLong(id == null ? "" : id.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad input: a bundle id is a number, not '" + id + "'. Nothing was done.");
        }
        return bundles.find(parsed, runtime.bridges());
    }

    /** The ranking posted: a whole number, or {@code null} for none (blank). */
    static Integer ranking(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad input: a ranking is a whole number from " + Integer.MIN_VALUE + " to "
                + Integer.MAX_VALUE + ", e.g. 100, not '" + value.strip() + "' (leave it empty for the bridge's own)."
                + " Nothing was changed.");
        }
    }

    private static void setOrRemove(Dictionary<String, Object> properties, String key, Integer value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
    }

    /** {@code bridge graaljs (javascript)}. */
    static String describe(BridgeInfo bridge) {
        return "bridge " + bridge.name() + " (" + bridge.language() + ")";
    }

    /**
     * Waits until the condition holds, at most the patience. The effects waited for are applied on the
     * platform's own threads (ConfigurationAdmin's events, Service Component Runtime's restarts) and the
     * runtime announces none of them, so the condition is polled.
     */
    private boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
