package io.ggen.ffi.bridge.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.polyglot.CallGuard;
import io.ggen.ffi.polyglot.ContextPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.ggen.ffi.testkit.TestCallContext;

class CallGuardTest {

    private GraalJsBridge bridge;
    private JsModule module;
    private ContextPool<JsContext> pool;

    @BeforeEach
    void start() {
        start(Duration.ofSeconds(2));
    }

    private void start(Duration grace) {
        if (bridge != null) {
            bridge.deactivate();
        }
        bridge = TestSupport.bridge(new JsSettings(1, false, false, null, 0, grace));
        module = (JsModule) TestSupport.code(bridge, """
            var calls = 0;
            function count() { return ++calls; }
            function spin() { while (true) {} }
            """);
        pool = module.pool();
    }

    @AfterEach
    void stop() {
        bridge.deactivate();
    }

    private CallGuard guard() {
        return new CallGuard(pool);
    }

    private ForeignValue count() {
        return module.function("count").call(List.of(), TestCallContext.plain());
    }

    @Test
    void aCancelAfterTheCallGaveItsContextBackDoesNothing() {
        CallGuard guard = guard();
        JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        pool.release(context, guard);

        guard.run();

        assertThat(context.isBroken()).isFalse();
        assertThat(count()).isEqualTo(ForeignValue.of(1));
        assertThat(count()).isEqualTo(ForeignValue.of(2));
    }

    @Test
    void aCallerOutsideTheGuestPastTheGraceGetsItsContextClosedAndReplaced() throws Exception {
        start(Duration.ofMillis(50));
        CallGuard guard = guard();
        JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        assertThat(context.function(0, "count").execute().asInt()).isEqualTo(1);

        guard.run();
        // The caller holds the context but is not in the guest: interrupting cannot end its work.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!context.isBroken() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        pool.release(context, guard);

        assertThat(context.isBroken()).as("closed after the grace").isTrue();
        assertThat(count()).as("a fresh context evaluated the module again").isEqualTo(ForeignValue.of(1));
    }

    @Test
    void aCancelBeforeTheGuestStartsInterruptsItOnceInside() {
        TestCallContext call = TestCallContext.plain();
        call.cancel(); // already cancelled: the action runs at once when registered
        long start = System.nanoTime();
        CallGuard guard = guard();
        JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        call.onCancel(guard);
        boolean interrupted = false;
        try {
            context.function(1, "spin").execute();
        } catch (PolyglotException e) {
            interrupted = e.isInterrupted();
        } finally {
            pool.release(context, guard);
        }
        assertThat(interrupted).isTrue();
        assertThat(context.isBroken()).as("interrupted, not closed").isFalse();
        assertThat(System.nanoTime() - start).as("stopped by interrupt, well within the grace").isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(count()).isEqualTo(ForeignValue.of(1));
    }
}
