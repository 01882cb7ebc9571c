package io.ggen.ffi.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.testkit.TestCallContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a call not stopped would spin for ever
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

    /** Runs the endless loop in the held context and gives it back: whether an interrupt ended it. */
    private boolean spinUntilStopped(TestJsPool.JsContext context) {
        try {
            context.function(1, "spin").execute();
            return false;
        } catch (PolyglotException e) {
            return e.isInterrupted();
        } finally {
            pool.release(context);
        }
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
    void aGiveBackAfterTheCloseLeavesThePoolClosed() {
        TestJsPool.JsContext held = pool.acquire(null);
        pool.close();
        pool.release(held);

        assertThat(held.isBroken()).as("closed with the pool").isTrue();
        assertThatThrownBy(() -> pool.acquire(null)).isInstanceOf(ForeignException.class)
            .hasMessageContaining("closed");
    }

    @Test
    void aCancellableCallAfterOnesNothingCanCancelIsStillStopped() {
        pool.release(pool.acquire(null));   // an earlier lease of the slot, without a guard
        TestCallContext call = TestCallContext.plain();
        TestJsPool.JsContext context = pool.acquire(call);
        call.cancel();

        assertThat(spinUntilStopped(context)).as("interrupted").isTrue();
        assertThat(context.isBroken()).as("interrupted, not closed").isFalse();
        assertThat(count()).as("the same context, still usable").isEqualTo(1);
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
        boolean interrupted = spinUntilStopped(context);
        assertThat(interrupted).isTrue();
        assertThat(context.isBroken()).as("interrupted, not closed").isFalse();
        assertThat(System.nanoTime() - start).as("stopped by interrupt, well within the grace").isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(count()).isEqualTo(1);
    }
}
