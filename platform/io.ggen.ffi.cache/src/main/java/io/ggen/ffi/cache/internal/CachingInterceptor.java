package io.ggen.ffi.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Memoizes calls declared pure ({@code CallOptions.PURE}), keyed by bridge, module, function,
 * module generation and argument values, in a Caffeine cache bounded by size and age. Calls not
 * declared pure pass straight through; so do pure calls whose arguments cannot be keys (handles,
 * values larger than {@code max.key.size}) and results that hold handles.
 *
 * <p>Ranking 500 (metrics observe calls whole, so they count hits as calls), outside
 * everything that does foreign work. When a file module is reloaded (its file changed) its calls
 * come with a new generation, and the results of the other generations are dropped at once.
 *
 * <p>For management, {@link #functions()} counts the results held per function and
 * {@link #invalidate(String, String, String)} drops one function's; both walk the whole cache
 * (bounded by {@code max.entries}), they are not for the call path.
 */
@Component(service = {CallInterceptor.class, CallCache.class}, configurationPid = CachingInterceptor.PID,
           property = {Constants.SERVICE_RANKING + ":Integer=500", "interceptor.name=cache",
                       CallInterceptor.ATTRIBUTES + "=" + CallOptions.PURE})
@Designate(ocd = CachingInterceptor.Configuration.class)
public final class CachingInterceptor implements CallInterceptor, CallCache {

    static final String PID = "io.ggen.ffi.cache";

    @ObjectClassDefinition(name = "GGen FFI call cache",
        description = "Memoizes functions called with cache.pure=true.")
    @interface Configuration {
        @AttributeDefinition(name = "Maximum entries", min = "1",
            description = "How many results are kept at most; the least useful go first.")
        long max_entries() default 10_000;

        @AttributeDefinition(name = "Expire after write (seconds)", min = "1",
            description = "How long a result is kept after it was computed.")
        long expire_after_write_seconds() default 600;

        @AttributeDefinition(name = "Maximum key size (bytes)", min = "0",
            description = "Calls whose arguments are larger than this (roughly: 2 bytes a character, 8 a number) "
                + "bypass the cache.")
        long max_key_size() default 4096;
    }

    private final Cache<CallKey, ForeignValue> cache;
    private final long maxEntries;
    private final long maxKeySize;
    /** The key part of each function seen lately, with the generation it was last called in. */
    private final Cache<FunctionId, FunctionKey> functions = Caffeine.newBuilder().maximumSize(4096).build();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    /** The function called last, by identity: calls come in runs. */
    private volatile Recent recent;

    private record Recent(FunctionId id, long generation, FunctionKey key) {
    }

    @Activate
    public CachingInterceptor(Configuration configuration) {
        this(configuration.max_entries(), Duration.ofSeconds(configuration.expire_after_write_seconds()),
            configuration.max_key_size(), Ticker.systemTicker());
    }

    CachingInterceptor(long maxEntries, Duration expireAfterWrite, long maxKeySize, Ticker ticker) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException(PID + ": max.entries must be 1 or more, not " + maxEntries);
        }
        if (expireAfterWrite.isNegative() || expireAfterWrite.isZero()) {
            throw new IllegalArgumentException(PID + ": expire.after.write.seconds must be 1 or more, not "
                + expireAfterWrite.toSeconds());
        }
        if (maxKeySize < 0) {
            throw new IllegalArgumentException(PID + ": max.key.size must be 0 or more, not " + maxKeySize);
        }
        this.maxEntries = maxEntries;
        this.maxKeySize = maxKeySize;
        this.cache = Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(expireAfterWrite)
            .ticker(ticker)
            .evictionListener((CallKey key, ForeignValue value, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
                evictions.increment())
            .build();
    }

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        if (!invocation.context().options().isPure()) {
            return next.proceed();
        }
        List<ForeignValue> args = invocation.args();
        if (CallKey.keySize(args, maxKeySize) < 0) {
            bypassed.increment();
            return next.proceed();
        }
        CallKey key = new CallKey(functionKey(invocation), List.copyOf(args));
        ForeignValue hit = cache.getIfPresent(key);
        if (hit != null) {
            hits.increment();
            return hit;
        }
        long start = System.nanoTime();
        ForeignValue value = next.proceed();
        long took = System.nanoTime() - start;
        if (CallKey.cacheable(value)) {
            misses.increment();
            loadNanos.add(took);
            cache.put(key, value);
        } else {
            bypassed.increment();
        }
        return value;
    }

    /** The function's key for this call's module generation; a newer generation drops older results. */
    private FunctionKey functionKey(Invocation invocation) {
        FunctionId id = invocation.functionId();
        long generation = invocation.moduleGeneration();
        Recent last = recent;
        if (last != null && last.id == id && last.generation == generation && last.key.module == invocation.module()) {
            return last.key;
        }
        FunctionKey key = functions.getIfPresent(id);
        if (key == null || key.generation != generation || !key.module.equals(invocation.module())) {
            FunctionKey fresh = new FunctionKey(id, invocation.module(), generation);
            FunctionKey old = key;
            functions.put(id, fresh);
            if (old != null && old.sameModule(fresh) && old.generation != generation
                    && fresh.module.kind() == ModuleSpec.SourceKind.FILE) {
                invalidateOthers(fresh);   // the file changed and the module was loaded again
            }
            key = fresh;
        }
        recent = new Recent(id, generation, key);
        return key;
    }

    /** Drops the results of the module's other generations: it was reloaded. */
    private void invalidateOthers(FunctionKey current) {
        cache.asMap().keySet().removeIf(k -> {
            boolean stale = k.function().sameModule(current) && k.function().generation != current.generation;
            if (stale) {
                invalidations.increment();
            }
            return stale;
        });
    }

    @Override
    public Stats stats() {
        return new Stats(cache.estimatedSize(), maxEntries, hits.sum(), misses.sum(), bypassed.sum(),
            evictions.sum(), invalidations.sum(), loadNanos.sum());
    }

    @Override
    public void invalidateAll() {
        long size = cache.estimatedSize();
        cache.invalidateAll();
        invalidations.add(size);
    }

    @Override
    public List<FunctionEntries> functions() {
        record Name(String bridge, String module, String function) {
        }
        Map<Name, Long> counts = new HashMap<>();
        for (CallKey key : cache.asMap().keySet()) {
            FunctionKey f = key.function();
            counts.merge(new Name(f.bridge, f.described, f.function), 1L, Long::sum);
        }
        return counts.entrySet().stream()
            .map(e -> new FunctionEntries(e.getKey().bridge(), e.getKey().module(), e.getKey().function(), e.getValue()))
            .sorted(Comparator.comparing(FunctionEntries::bridge).thenComparing(FunctionEntries::module)
                .thenComparing(FunctionEntries::function))
            .toList();
    }

    /** Counted as invalidations; a result memoized meanwhile by a call in flight may stay. */
    @Override
    public long invalidate(String bridge, String module, String function) {
        long dropped = 0;
        for (CallKey key : cache.asMap().keySet()) {
            if (key.function().isNamed(bridge, module, function) && cache.asMap().remove(key) != null) {
                dropped++;
            }
        }
        invalidations.add(dropped);
        return dropped;
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        cache.cleanUp();
    }
}
