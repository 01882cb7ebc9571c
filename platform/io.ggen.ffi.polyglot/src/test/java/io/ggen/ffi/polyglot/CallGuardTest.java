package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.testkit.TestCallContext;
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

    private int count() {
        return js.call("count").asInt();
    }

    @Test
    void aCancelAfterTheCallGaveItsContextBackDoesNothing() {
        TestCallContext call = TestCallContext.plain();
        TestJsPool.JsContext context = pool.acquire(call);
        pool.release(context);

        call.cancel();

        assertThat(context.isBroken()).isFalse();
        assertThat(count()).isEqualTo(1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aCallerOutsideTheGuestPastTheGraceGetsItsContextClosedAndReplaced() {
        start(Duration.ofMillis(50));
        TestCallContext call = TestCallContext.plain();
        TestJsPool.JsContext context = pool.acquire(call);
        assertThat(context.function(0, "count").execute().asInt()).isEqualTo(1);

        call.cancel();
        // The caller holds the context but is not in the guest: interrupting cannot end its work.
        await("closed after the grace").atMost(Duration.ofSeconds(10)).until(context::isBroken);
        pool.release(context);

        assertThat(context.isBroken()).as("closed after the grace").isTrue();
        assertThat(count()).as("a fresh context evaluated the module again").isEqualTo(1);
    }

    @Test
    void aCancelBeforeTheGuestStartsInterruptsItOnceInside() {
        long start = System.nanoTime();
        TestCallContext call = TestCallContext.plain();
        TestJsPool.JsContext context = pool.acquire(call);
        call.cancel(); // cancelled before the call enters the guest
        boolean interrupted = false;
        try {
            context.function(1, "spin").execute();
        } catch (PolyglotException e) {
            interrupted = e.isInterrupted();
        } finally {
            pool.release(context);
        }
        assertThat(interrupted).isTrue();
        assertThat(context.isBroken()).as("interrupted, not closed").isFalse();
        assertThat(System.nanoTime() - start).as("stopped by interrupt, well within the grace").isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(count()).isEqualTo(1);
    }
}
