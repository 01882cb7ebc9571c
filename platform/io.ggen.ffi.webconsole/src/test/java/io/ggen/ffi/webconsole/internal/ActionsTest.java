package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.ProcessPools;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/** The actions on pools and the cache, and the dispatch of every action by name. */
class ActionsTest {

    private final FakePools pools = new FakePools();
    private final FakeCache cache = new FakeCache();

    private Actions actions(Supplier<List<ProcessPools>> pools, Supplier<CallCache> cache) {
        Services services = new Services(new FakeRuntime(), mock(BundleContext.class), () -> null, () -> null, cache, pools,
            () -> null, () -> null);
        return new Actions(services, new BridgeManagement(services, Duration.ZERO));
    }

    private Notice run(String action, String... parameters) {
        Map<String, String> posted = new HashMap<>();
        posted.put(Actions.ACTION, action);
        for (int i = 0; i < parameters.length; i += 2) {
            posted.put(parameters[i], parameters[i + 1]);
        }
        return actions(() -> List.of(pools), () -> cache).run(posted::get);
    }

    @Test
    void restartingAPoolSaysWhichProcessesItReplaced() {
        assertThat(run(Actions.RESTART_POOL, "kind", "worker", "pool", "w1")).isEqualTo(Notice.done("Restarted worker pool w1"
            + " (python3 math_worker.py <&>): replaced processes 4242, 4243"));
        assertThat(pools.restarted).containsExactly("w1");
        assertThat(run(Actions.RESTART_POOL, "kind", "worker", "pool", "w1").text()).endsWith("replaced process 5000");
        assertThat(run(Actions.RESTART_POOL, "kind", "isolate", "pool", "isolate-1").text())
            .endsWith(": it had no process running");
    }

    @Test
    void anUnknownOrStoppedPoolIsAClearNoticeAndNothingIsRestarted() {
        assertThat(run(Actions.RESTART_POOL, "kind", "worker", "pool", "w9")).isEqualTo(Notice.failed("No worker pool has"
            + " the id 'w9': it may have stopped since the page was shown. Nothing was restarted."));
        assertThat(run(Actions.RESTART_POOL, "kind", "isolate", "pool", "w1").text()).as("the id of another kind")
            .startsWith("No isolate pool has the id 'w1'");
        assertThat(run(Actions.RESTART_POOL)).isEqualTo(Notice.failed("Bad input: name the kind and the id of the pool to"
            + " restart. Nothing was restarted."));
        pools.stopsBeforeRestart = true;
        assertThat(run(Actions.RESTART_POOL, "kind", "worker", "pool", "w1").text())
            .isEqualTo("The worker pool w1 (python3 math_worker.py <&>) stopped before it could be restarted. Nothing was done.");
        assertThat(pools.restarted).isEmpty();
        assertThat(actions(List::of, () -> cache).run(Map.of(Actions.ACTION, Actions.RESTART_POOL, "kind", "worker",
            "pool", "w1")::get).text())
            .startsWith("No pool can be restarted: no ProcessPools service is present");
        assertThat(actions(() -> null, () -> cache).run(Map.of(Actions.ACTION, Actions.RESTART_POOL, "kind", "worker",
            "pool", "w1")::get).failed()).isTrue();
    }

    @Test
    void clearingOneFunctionDropsItsResultsOnly() {
        assertThat(run(Actions.CLEAR_FUNCTION, "bridge", "graaljs", "module", FakeCache.MODULE, "function", "add"))
            .isEqualTo(Notice.done("Cleared 3 cached results of add (graaljs, <code: function add(a, b) { return a + b; }>)"));
        assertThat(cache.functions()).extracting(CallCache.FunctionEntries::function).containsExactly("greet");
        assertThat(run(Actions.CLEAR_FUNCTION, "bridge", "graaljs", "module", FakeCache.MODULE, "function", "add").text())
            .isEqualTo("Cleared 0 cached results of add (graaljs, <code: function add(a, b) { return a + b; }>)");
        assertThat(run(Actions.CLEAR_FUNCTION, "bridge", "graaljs", "module", "<code: greet & more>", "function", "greet")
            .text()).startsWith("Cleared 1 cached result of greet");
        assertThat(run(Actions.CLEAR_FUNCTION, "bridge", "graaljs", "function", "add"))
            .isEqualTo(Notice.failed("Bad input: name the bridge, the module and the function whose results to clear."
                + " Nothing was cleared."));
    }

    @Test
    void clearingAllSaysHowManyResultsWent() {
        assertThat(run(Actions.CLEAR_CACHE)).isEqualTo(Notice.done("Cleared the cache: 4 cached results dropped"));
        assertThat(cache.functions()).isEmpty();
        assertThat(actions(List::of, () -> null).run(Map.of(Actions.ACTION, Actions.CLEAR_CACHE)::get))
            .isEqualTo(Notice.failed("No cache to clear: the io.ggen.ffi.cache bundle is not active."));
    }

    @Test
    void aLongModuleIsShortenedInTheNotice() {
        assertThat(Actions.abbreviate("a\n  b")).isEqualTo("a b");
        assertThat(Actions.abbreviate("x".repeat(100))).hasSize(Actions.MODULE_SHOWN).endsWith("…");
    }

    @Test
    void isolationIsTrueOrFalse() {
        assertThat(run(Actions.SET_ISOLATION, "bridge-language", "javascript", "bridge", "graaljs", "isolated", "yes"))
            .isEqualTo(Notice.failed("Bad input: isolated is true or false, not 'yes'. Nothing was changed."));
    }

    @Test
    void anUnknownActionDoesNothing() {
        assertThat(run("format-disk")).isEqualTo(Notice.failed("Bad input: there is no action 'format-disk'. Nothing was done."));
        assertThat(cache.functions()).hasSize(2);
    }
}
