package io.ggen.ffi.testkit;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestModule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CallContext} for a bridge's unit tests: plain, or cancelled by another thread when its
 * timeout is up, or cancelled by the test with {@link #cancel()}.
 */
public final class TestCallContext implements CallContext {

    private final CallOptions options;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    private TestCallContext(CallOptions options) {
        this.options = options;
    }

    /** Calls a bound function of a module with neutral arguments and a plain context: what bridges' unit tests do most. */
    public static ForeignValue call(GuestModule module, String function, ForeignValue... args) {
        return module.function(function).call(List.of(args), plain());
    }

    public static TestCallContext plain() {
        return new TestCallContext(CallOptions.DEFAULT);
    }

    /** Cancelled from another thread after the timeout. */
    public static TestCallContext timeout(Duration timeout) {
        TestCallContext context = new TestCallContext(CallOptions.timeout(timeout));
        Thread.ofPlatform().daemon().name("test-timeout").start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            context.cancel();
        });
        return context;
    }

    /** Cancels the call: runs the actions registered so far on this thread. */
    public void cancel() {
        cancelled = true;
        for (Runnable action : actions) {
            action.run();
        }
    }

    public int registrations() {
        return actions.size();
    }

    @Override
    public CallOptions options() {
        return options;
    }

    /** Tests may cancel any call; the runtime's fast path for calls nothing can cancel is covered by the itests. */
    @Override
    public boolean isCancellable() {
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
    }
}
