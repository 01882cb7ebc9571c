package io.ggen.ffi.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingInterceptorTest {

    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;
    private final CachingInterceptor cache = new CachingInterceptor(100, Duration.ofSeconds(60), 64, ticker);
    private final AtomicInteger realCalls = new AtomicInteger();

    private static final ModuleSpec MODULE = ModuleSpec.code("fake", "function f(x) { return x; }");
    private static final FunctionId F = new FunctionId("fake", MODULE.describe(), "f");

    private record Call(FunctionId functionId, ModuleSpec module, List<ForeignValue> args, CallOptions options,
                        long moduleGeneration) implements Invocation {
        @Override public String language() { return "fake"; }
        @Override public CallContext context() {
            return new CallContext() {
                @Override public CallOptions options() { return options; }
                @Override public boolean isCancellable() { return false; }
                @Override public boolean isCancelled() { return false; }
                @Override public void onCancel(Runnable action) { }
            };
        }
    }

    /** The function doubles an integer, counting real calls; a string argument returns a handle. */
    private ForeignValue call(FunctionId id, ModuleSpec module, long generation, CallOptions options, ForeignValue arg) {
        return cache.intercept(new Call(id, module, List.of(arg), options, generation), () -> {
            realCalls.incrementAndGet();
            if (arg instanceof ForeignValue.IntValue i) {
                return ForeignValue.of(i.value() * 2);
            }
            if (arg instanceof ForeignValue.BoolValue) {
                throw new ForeignException("fake", "Boom", "it failed");
            }
            return ForeignValue.handle(new Handle());
        });
    }

    private ForeignValue pure(long x) {
        return call(F, MODULE, 0, CallOptions.pure(), ForeignValue.of(x));
    }

    @Test
    void aPureCallIsMadeOnceForEachDistinctArgument() {
        assertThat(pure(1)).isEqualTo(ForeignValue.of(2));
        assertThat(pure(1)).isEqualTo(ForeignValue.of(2));
        assertThat(pure(2)).isEqualTo(ForeignValue.of(4));
        assertThat(pure(2)).isEqualTo(ForeignValue.of(4));
        assertThat(realCalls).hasValue(2);
        CallCache.Stats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.entries()).isEqualTo(2);
        assertThat(stats.hitRate()).isEqualTo(0.5);
    }

    @Test
    void aCallNotDeclaredPureIsNeverCached() {
        for (int i = 0; i < 3; i++) {
            call(F, MODULE, 0, CallOptions.DEFAULT, ForeignValue.of(1));
            call(F, MODULE, 0, CallOptions.DEFAULT.withAttribute(CallOptions.PURE, "false"), ForeignValue.of(1));
        }
        assertThat(realCalls).hasValue(6);
        assertThat(cache.stats().entries()).isZero();
        assertThat(cache.stats().misses()).isZero();
    }

    @Test
    void differentModulesFunctionsAndBridgesDoNotShareResults() {
        ModuleSpec other = ModuleSpec.code("fake", "function f(x) { return x; }   // another module, same first line");
        FunctionId g = new FunctionId("fake", MODULE.describe(), "g");
        FunctionId otherBridge = new FunctionId("other", MODULE.describe(), "f");
        pure(1);
        call(F, other, 0, CallOptions.pure(), ForeignValue.of(1));
        call(g, MODULE, 0, CallOptions.pure(), ForeignValue.of(1));
        call(otherBridge, MODULE, 0, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(4);
        pure(1);
        call(F, other, 0, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(4);
    }

    @Test
    void aReloadedFileModuleDropsTheOldResults() {
        ModuleSpec file = ModuleSpec.file("fake", Path.of("/tmp/m.fake"));
        FunctionId id = new FunctionId("fake", file.describe(), "f");
        call(id, file, 100, CallOptions.pure(), ForeignValue.of(1));
        call(id, file, 100, CallOptions.pure(), ForeignValue.of(2));
        call(id, file, 200, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(3);
        assertThat(cache.stats().invalidations()).isEqualTo(2);
        assertThat(cache.stats().entries()).isEqualTo(1);
        call(id, file, 200, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(3);
    }

    @Test
    void loadsOfANamedModuleDoNotShareResults() {
        ModuleSpec named = ModuleSpec.named("fake", "lib");
        FunctionId id = new FunctionId("fake", named.describe(), "f");
        call(id, named, 1, CallOptions.pure(), ForeignValue.of(1));
        call(id, named, 2, CallOptions.pure(), ForeignValue.of(1));
        call(id, named, 1, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(2);
        assertThat(cache.stats().invalidations()).isZero();
    }

    @Test
    void argumentsThatCannotBeKeysAndHandleResultsBypassTheCache() {
        String big = "x".repeat(100);   // 200 bytes > 64
        for (int i = 0; i < 2; i++) {
            call(F, MODULE, 0, CallOptions.pure(), ForeignValue.of(big));
            call(F, MODULE, 0, CallOptions.pure(), ForeignValue.handle(new Handle()));
            call(F, MODULE, 0, CallOptions.pure(), ForeignValue.of("small"));   // returns a handle
        }
        assertThat(realCalls).hasValue(6);
        assertThat(cache.stats().bypassed()).isEqualTo(6);
        assertThat(cache.stats().entries()).isZero();
    }

    @Test
    void errorsAreNotCached() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> call(F, MODULE, 0, CallOptions.pure(), ForeignValue.TRUE))
                .isInstanceOf(ForeignException.class);
        }
        assertThat(realCalls).hasValue(2);
    }

    @Test
    void theCacheIsBoundedBySize() {
        for (long i = 0; i < 1_000; i++) {
            pure(i);
        }
        cache.cleanUp();
        assertThat(cache.stats().entries()).isLessThanOrEqualTo(100);
        assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void resultsExpireAfterWrite() {
        pure(1);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        pure(1);
        assertThat(realCalls).hasValue(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        pure(1);
        assertThat(realCalls).hasValue(2);
    }

    @Test
    void invalidateAllForgetsEverything() {
        pure(1);
        cache.invalidateAll();
        pure(1);
        assertThat(realCalls).hasValue(2);
    }

    @Test
    void functionsCountsTheResultsHeldPerFunctionSorted() {
        FunctionId g = new FunctionId("fake", MODULE.describe(), "g");
        FunctionId otherBridge = new FunctionId("another", MODULE.describe(), "f");
        call(g, MODULE, 0, CallOptions.pure(), ForeignValue.of(1));
        pure(1);
        pure(2);
        pure(2);
        call(otherBridge, MODULE, 0, CallOptions.pure(), ForeignValue.of(1));
        call(F, MODULE, 0, CallOptions.DEFAULT, ForeignValue.of(3));   // not pure: not held

        assertThat(cache.functions()).containsExactly(
            new CallCache.FunctionEntries("another", MODULE.describe(), "f", 1),
            new CallCache.FunctionEntries("fake", MODULE.describe(), "f", 2),
            new CallCache.FunctionEntries("fake", MODULE.describe(), "g", 1));
    }

    @Test
    void expiredResultsAreNotListed() {
        pure(1);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(cache.functions()).isEmpty();
    }

    @Test
    void invalidateDropsOneFunctionsResultsOfEveryGeneration() {
        ModuleSpec named = ModuleSpec.named("fake", "lib");
        FunctionId f = new FunctionId("fake", named.describe(), "f");
        FunctionId g = new FunctionId("fake", named.describe(), "g");
        call(f, named, 1, CallOptions.pure(), ForeignValue.of(1));
        call(f, named, 2, CallOptions.pure(), ForeignValue.of(1));
        call(f, named, 2, CallOptions.pure(), ForeignValue.of(2));
        call(g, named, 2, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).hasValue(4);

        assertThat(cache.invalidate("fake", named.describe(), "f")).isEqualTo(3);

        assertThat(cache.functions()).containsExactly(new CallCache.FunctionEntries("fake", "lib", "g", 1));
        assertThat(cache.stats().invalidations()).isEqualTo(3);
        call(f, named, 2, CallOptions.pure(), ForeignValue.of(1));
        call(g, named, 2, CallOptions.pure(), ForeignValue.of(1));
        assertThat(realCalls).as("f called again, g still memoized").hasValue(5);
    }

    @Test
    void invalidatingAFunctionWithoutResultsDropsNothing() {
        pure(1);
        assertThat(cache.invalidate("fake", MODULE.describe(), "nothing")).isZero();
        assertThat(cache.invalidate("other", MODULE.describe(), "f")).isZero();
        assertThat(cache.invalidate("fake", "<code: another>", "f")).isZero();
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(cache.stats().invalidations()).isZero();
    }

    @Test
    void badConfigurationSaysWhatToFix() {
        assertThatThrownBy(() -> new CachingInterceptor(0, Duration.ofSeconds(1), 1, ticker))
            .hasMessageContaining("max.entries must be 1 or more");
        assertThatThrownBy(() -> new CachingInterceptor(1, Duration.ZERO, 1, ticker))
            .hasMessageContaining("expire.after.write.seconds");
    }

    private static final class Handle implements ForeignHandle {
        @Override public String language() { return "fake"; }
        @Override public String typeName() { return "Thing"; }
        @Override public boolean isReleased() { return false; }
        @Override public void release() { }
    }
}
