package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignStuckCallException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.GuestFunction;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.log.Logger;

/**
 * Timeouts that hold for bridges that cannot stop a running call (their capabilities lack
 * {@code cancellation}): such a call, when it has a timeout, runs on a platform thread of its
 * own, and the caller stops waiting at the deadline plus the grace with a
 * {@link ForeignStuckCallException}. The thread cannot be killed (nothing in a JVM can kill a
 * thread): it is logged with its stack and left to finish. Isolation is the cure for that.
 * Calls without a timeout, and every call of a bridge that cancels, take no thread hop.
 */
final class HardDeadlines implements AutoCloseable {

    private final Logger logger;
    private final ExecutorService threads = Executors.newCachedThreadPool(
        Thread.ofPlatform().daemon().name("ggen-ffi-deadline-", 0).factory());
    private volatile Duration grace;

    HardDeadlines(Logger logger, Duration grace) {
        this.logger = logger;
        this.grace = grace;
    }

    void grace(Duration grace) {
        this.grace = grace;
    }

    /** The function as callers call it: as it is when its bridge cancels, else behind a hard deadline. */
    GuestFunction guard(GuestFunction guest, FunctionId id, String language, boolean cancels) {
        return cancels ? guest : new Guarded(guest, id, language);
    }

    private <T> T run(Supplier<T> work, CallContext context, FunctionId id, String language) {
        Duration timeout = context.options().timeout().orElseThrow();
        Duration wait = timeout.plus(grace);
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return work.get();
            } finally {
                runner.set(null);
            }
        }, threads);
        try {
            return result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Thread stuck = runner.get();
            String thread = stuck == null ? "its thread" : "its thread " + stuck.getName();
            logger.warn("The call to {} ({}, bridge {}) did not return within its timeout of {} plus a grace of {};"
                    + " {} is left running and counted as stuck. Its stack:\n{}", id.function(), id.module(),
                id.bridge(), Durations.format(timeout), Durations.format(grace), thread, stack(stuck));
            throw new ForeignStuckCallException(language, "call to " + id.function() + " timed out after "
                + Durations.format(timeout) + " and did not end within a grace of " + Durations.format(grace)
                + ": the " + id.bridge() + " bridge cannot stop a running call, so " + thread + " is left running"
                + " (stuck). Load the module isolated (ggen test-ffi --isolated, option isolation=process) to have"
                + " such calls killed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignCancellationException(language, "the wait for " + id.function() + " was interrupted", e);
        }
    }

    private static String stack(Thread thread) {
        if (thread == null) {
            return "  (it ended meanwhile)";
        }
        return Arrays.stream(thread.getStackTrace()).map(frame -> "  at " + frame)
            .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A function of a bridge that cannot cancel: calls with a timeout go through {@link #run}. */
    private final class Guarded implements GuestFunction {

        private final GuestFunction guest;
        private final FunctionId id;
        private final String language;

        Guarded(GuestFunction guest, FunctionId id, String language) {
            this.guest = guest;
            this.id = id;
            this.language = language;
        }

        @Override
        public ForeignValue call(List<ForeignValue> args, CallContext context) {
            if (context.options().timeout().isEmpty()) {
                return guest.call(args, context);
            }
            return run(() -> guest.call(args, context), context, id, language);
        }

        @Override
        public List<BatchResult> callBatch(List<List<ForeignValue>> argsList, CallContext context) {
            if (context.options().timeout().isEmpty()) {
                return guest.callBatch(argsList, context);
            }
            return run(() -> guest.callBatch(argsList, context), context, id, language);
        }
    }
}
