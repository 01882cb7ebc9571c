package io.ggen.ffi.batch.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gathers concurrent calls to one bridge function into batches, DataLoader-style. The first call
 * of a batch leads it: it waits for the window to pass or the batch to fill, closes it, sends it
 * to the bridge's {@link GuestFunction#callBatch} on its own thread, through its invocation
 * ({@link Invocation#callBatch}), and hands every caller its item.
 * Callers that arrive while a batch is open join it and wait.
 */
final class Batcher {

    private final GuestFunction target;
    private Pending open;   // guarded by this

    Batcher(GuestFunction target) {
        this.target = target;
    }

    GuestFunction target() {
        return target;
    }

    ForeignValue call(Invocation invocation, BatchSettings settings) {
        Pending batch;
        int index;
        boolean leader;
        synchronized (this) {
            leader = open == null;
            if (leader) {
                open = new Pending(invocation.context().options());
            }
            batch = open;
            index = batch.argsList.size();
            batch.argsList.add(invocation.args());
            if (batch.argsList.size() >= settings.maxSize()) {
                open = null;
                batch.full.countDown();
            }
        }
        if (leader) {
            batch.awaitFull(settings);
            synchronized (this) {
                if (open == batch) {
                    open = null;
                }
            }
            batch.run(invocation);
        }
        return batch.result(index, invocation);
    }

    /** One batch: the argument lists gathered, and its results once sent. */
    private static final class Pending {
        final CallOptions options;
        final List<List<ForeignValue>> argsList = new ArrayList<>();
        final CountDownLatch full = new CountDownLatch(1);
        final CompletableFuture<List<BatchResult>> done = new CompletableFuture<>();

        Pending(CallOptions options) {
            this.options = options;
        }

        void awaitFull(BatchSettings settings) {
            try {
                full.await(settings.window().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // The batch goes out now; the others are waiting for it. Keep the interrupt for the caller.
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Sends the batch (closed by now: no caller adds to it any more) through the leader's call,
         * so that the runtime's interceptors see it as one batch (a trace's batch span).
         */
        void run(Invocation leader) {
            String language = leader.language();
            try {
                List<BatchResult> results = leader.callBatch(argsList, new BatchContext(options));
                if (results.size() < argsList.size()) {
                    List<BatchResult> padded = new ArrayList<>(results);
                    BatchResult missing = BatchResult.failure(new ForeignCancellationException(language,
                        "the batch stopped before this item"));
                    while (padded.size() < argsList.size()) {
                        padded.add(missing);
                    }
                    results = padded;
                }
                done.complete(results);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }

        /** This caller's item; stops waiting when the caller's own call is cancelled or times out. */
        ForeignValue result(int index, Invocation invocation) {
            CallContext context = invocation.context();
            CompletableFuture<List<BatchResult>> mine = context.isCancellable() ? done.copy() : done;
            if (mine != done) {
                context.onCancel(() -> mine.cancel(false));
            }
            try {
                return mine.join().get(index).get();
            } catch (CancellationException e) {
                throw new ForeignCancellationException(invocation.language(),
                    "call to " + invocation.functionId().function() + " was cancelled while waiting for its batch");
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new ForeignException(invocation.language(), e.getCause().getClass().getName(),
                    "the batch failed: " + e.getCause().getMessage(), List.of(), e.getCause());
            }
        }
    }

    /** What the bridge sees for a batch: the leader's options without a timeout; nothing cancels it. */
    private record BatchContext(CallOptions options) implements CallContext {
        BatchContext {
            options = options.withTimeout(null);
        }
        @Override public boolean isCancellable() { return false; }
        @Override public boolean isCancelled() { return false; }
        @Override public void onCancel(Runnable action) { }
    }
}
