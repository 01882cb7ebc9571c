package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bridge for tests. Functions: {@code echo} returns its first argument, {@code whoami} the
 * bridge's tag, {@code spin} loops until cancelled, {@code deaf} until {@link #release} (it ignores
 * cancellation), {@code thread} returns the name of the thread it runs on, {@code fail} throws a
 * foreign error.
 */
final class FakeBridge implements ForeignBridge {

    final String tag;
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger closedModules = new AtomicInteger();
    /** The {@code spin} calls that reached the guest (their cancel action is registered). */
    final AtomicInteger spinning = new AtomicInteger();
    /** When set, loads fail as a syntax error would. */
    volatile boolean failLoads;
    /** Ends the {@code deaf} calls. */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    /** The capabilities it declares. */
    volatile io.ggen.ffi.api.spi.BridgeCapabilities capabilities = io.ggen.ffi.api.spi.BridgeCapabilities.NONE;
    /** The specs it was asked to load. */
    final java.util.List<ModuleSpec> specs = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeBridge(String tag) {
        this.tag = tag;
    }

    @Override
    public io.ggen.ffi.api.spi.BridgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public GuestModule load(ModuleSpec spec) {
        loads.incrementAndGet();
        specs.add(spec);
        if (failLoads) {
            throw new ForeignException("fake", "SyntaxError", "cannot load " + spec.describe());
        }
        return new GuestModule() {
            @Override
            public Set<String> functions() {
                return Set.of("echo", "whoami", "spin", "deaf", "thread", "fail");
            }

            @Override
            public GuestFunction function(String name) {
                return switch (name) {
                    case "echo" -> (args, ctx) -> args.getFirst();
                    case "whoami" -> (args, ctx) -> ForeignValue.of(tag);
                    case "thread" -> (args, ctx) -> ForeignValue.of(Thread.currentThread().getName());
                    case "deaf" -> (args, ctx) -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ForeignValue.of("released");
                    };
                    case "fail" -> (args, ctx) -> {
                        throw new ForeignException("fake", "Boom", "it failed");
                    };
                    case "spin" -> (args, ctx) -> {
                        boolean[] stop = {false};
                        ctx.onCancel(() -> {
                            synchronized (stop) {
                                stop[0] = true;
                            }
                        });
                        spinning.incrementAndGet();
                        while (true) {
                            synchronized (stop) {
                                if (stop[0]) {
                                    throw new ForeignCancellationException("fake", "interrupted");
                                }
                            }
                            Thread.onSpinWait();
                        }
                    };
                    default -> throw new NoSuchFunctionException("fake", "no function " + name);
                };
            }

            @Override
            public void close() {
                closedModules.incrementAndGet();
            }
        };
    }
}
