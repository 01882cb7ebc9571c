package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallGuardTest {

    private static final String SCRIPT = """
        var calls = 0;
        function count() { return ++calls; }
        function spin() { while (true) {} }
        """;

    private TestJsPool js;
    private ContextPool<TestJsPool.JsContext> pool;

    @BeforeEach
    void start() {
        start(Duration.ofSeconds(2));
    }

    private void start(Duration grace) {
        if (js != null) {
            js.close();
        }
        js = new TestJsPool(SCRIPT, grace);
        pool = js.pool();
    }

    @AfterEach
    void stop() {
        js.close();
    }

    private CallGuard guard() {
        return new CallGuard(pool);
    }

    private int count() {
        return js.call("count").asInt();
    }

    @Test
    void aCancelAfterTheCallGaveItsContextBackDoesNothing() {
        CallGuard guard = guard();
        TestJsPool.JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        pool.release(context, guard);

        guard.run();

        assertThat(context.isBroken()).isFalse();
        assertThat(count()).isEqualTo(1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aCallerOutsideTheGuestPastTheGraceGetsItsContextClosedAndReplaced() {
        start(Duration.ofMillis(50));
        CallGuard guard = guard();
        TestJsPool.JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        assertThat(context.function(0, "count").execute().asInt()).isEqualTo(1);

        guard.run();
        // The caller holds the context but is not in the guest: interrupting cannot end its work.
        await("closed after the grace").atMost(Duration.ofSeconds(10)).until(context::isBroken);
        pool.release(context, guard);

        assertThat(context.isBroken()).as("closed after the grace").isTrue();
        assertThat(count()).as("a fresh context evaluated the module again").isEqualTo(1);
    }

    @Test
    void aCancelBeforeTheGuestStartsInterruptsItOnceInside() {
        long start = System.nanoTime();
        CallGuard guard = guard();
        TestJsPool.JsContext context = pool.acquire(null, guard);
        guard.attach(context);
        guard.run(); // cancelled before the call enters the guest, as onCancel does for a call already cancelled
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
        assertThat(count()).isEqualTo(1);
    }
}
