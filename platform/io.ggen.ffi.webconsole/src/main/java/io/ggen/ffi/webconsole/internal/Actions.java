package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallCache.FunctionEntries;
import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.api.ProcessPools.Pool;
import io.ggen.ffi.api.ProcessPools.PoolProcess;
import io.ggen.ffi.webconsole.internal.BridgeBundles.Change;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The page's actions, each a POST with the parameter {@value #ACTION} (the form's token is checked
 * before). Every action says what it did, or why it did nothing, as a {@link Notice}.
 */
final class Actions {

    static final String ACTION = "action";

    static final String STOP_BUNDLE = "stop-bundle";
    static final String START_BUNDLE = "start-bundle";
    static final String RESTART_BUNDLE = "restart-bundle";
    static final String SET_RANKING = "set-ranking";
    static final String SET_ISOLATION = "set-isolation";
    static final String RESTART_POOL = "restart-pool";
    static final String CLEAR_CACHE = "clear-cache";
    static final String CLEAR_FUNCTION = "clear-function";

    static final String BUNDLE = "bundle";
    static final String BRIDGE = "bridge";
    static final String LANGUAGE = "bridge-language";
    static final String RANKING = "ranking";
    static final String ISOLATED = "isolated";
    static final String KIND = "kind";
    static final String POOL = "pool";
    static final String MODULE = "module";
    static final String FUNCTION = "function";

    /** How much of a module's description a notice repeats. */
    static final int MODULE_SHOWN = 60;

    private final Services services;
    private final BridgeManagement bridges;

    Actions(Services services, BridgeManagement bridges) {
        this.services = services;
        this.bridges = bridges;
    }

    /** Runs the action named by {@value #ACTION}; {@code parameters} gives a request parameter or {@code null}. */
    Notice run(Function<String, String> parameters) {
        String action = Objects.requireNonNullElse(parameters.apply(ACTION), "");
        return switch (action) {
            case STOP_BUNDLE -> bridges.change(parameters.apply(BUNDLE), Change.STOP);
            case START_BUNDLE -> bridges.change(parameters.apply(BUNDLE), Change.START);
            case RESTART_BUNDLE -> bridges.change(parameters.apply(BUNDLE), Change.RESTART);
            case SET_RANKING -> bridges.setRanking(parameters.apply(BUNDLE), text(parameters, BRIDGE),
                parameters.apply(RANKING));
            case SET_ISOLATION -> switch (text(parameters, ISOLATED)) {
                case "true", "false" -> bridges.setIsolated(text(parameters, LANGUAGE), text(parameters, BRIDGE),
                    Boolean.parseBoolean(text(parameters, ISOLATED)));
                default -> Notice.failed("Bad input: isolated is true or false, not '" + text(parameters, ISOLATED)
                    + "'. Nothing was changed.");
            };
            case RESTART_POOL -> restartPool(text(parameters, KIND), text(parameters, POOL));
            case CLEAR_CACHE -> clearCache();
            case CLEAR_FUNCTION -> clearFunction(text(parameters, BRIDGE), // a module's description is matched as it is
                Objects.requireNonNullElse(parameters.apply(MODULE), ""), text(parameters, FUNCTION));
            default -> Notice.failed("Bad input: there is no action '" + action + "'. Nothing was done.");
        };
    }

    private Notice restartPool(String kind, String id) {
        if (kind.isEmpty() || id.isEmpty()) {
            return Notice.failed("Bad input: name the kind and the id of the pool to restart. Nothing was restarted.");
        }
        List<ProcessPools> providers = services.poolProviders();
        if (providers.isEmpty()) {
            return Notice.failed("No pool can be restarted: no ProcessPools service is present (the io.ggen.ffi.bridge.rpc"
                + " bundle is not active). Nothing was done.");
        }
        for (ProcessPools provider : providers) {
            for (Pool pool : provider.pools()) {
                if (pool.kind().equals(kind) && pool.id().equals(id)) {
                    String what = kind + " pool " + id + " (" + pool.label() + ")";
                    if (!provider.restart(id)) {
                        return Notice.failed("The " + what + " stopped before it could be restarted. Nothing was done.");
                    }
                    List<Long> pids = pool.processes().stream().map(PoolProcess::pid).toList();
                    return Notice.done("Restarted " + what + ": " + (pids.isEmpty() ? "it had no process running"
                        : "replaced " + (pids.size() == 1 ? "process " : "processes ")
                            + pids.stream().map(String::valueOf).collect(Collectors.joining(", "))));
                }
            }
        }
        return Notice.failed("No " + kind + " pool has the id '" + id + "': it may have stopped since the page was shown."
            + " Nothing was restarted.");
    }

    private Notice clearCache() {
        CallCache cache = services.cache().get();
        if (cache == null) {
            return Notice.failed("No cache to clear: the io.ggen.ffi.cache bundle is not active.");
        }
        List<FunctionEntries> functions = cache.functions();
        long before = functions.isEmpty() ? cache.stats().entries()
            : functions.stream().mapToLong(FunctionEntries::entries).sum();
        cache.invalidateAll();
        return Notice.done("Cleared the cache: " + results(before) + " dropped");
    }

    private Notice clearFunction(String bridge, String module, String function) {
        CallCache cache = services.cache().get();
        if (cache == null) {
            return Notice.failed("No cache to clear: the io.ggen.ffi.cache bundle is not active.");
        }
        if (bridge.isEmpty() || module.isEmpty() || function.isEmpty()) {
            return Notice.failed("Bad input: name the bridge, the module and the function whose results to clear."
                + " Nothing was cleared.");
        }
        long dropped = cache.invalidate(bridge, module, function);
        return Notice.done("Cleared " + results(dropped) + " of " + function + " (" + bridge + ", "
            + abbreviate(module) + ")");
    }

    private static String results(long count) {
        return count + (count == 1 ? " cached result" : " cached results");
    }

    static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= MODULE_SHOWN ? line : line.substring(0, MODULE_SHOWN - 1) + "…";
    }

    private static String text(Function<String, String> parameters, String name) {
        return Objects.requireNonNullElse(parameters.apply(name), "").strip();
    }
}
