package io.ggen.ffi.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-call options. Immutable: every {@code with} method returns a new instance.
 *
 * <p>Attributes are free-form string options that interceptors and bridges read (for example a
 * caching interceptor's {@code cache.pure}); unknown attributes are ignored.
 */
public final class CallOptions {

    /**
     * Attribute: {@code "true"} declares the function pure (its result depends on its arguments
     * only, and calling it changes nothing), so the caching interceptor may memoize it.
     */
    public static final String PURE = "cache.pure";

    /**
     * Attribute: gather concurrent calls to the function into batches for up to this many
     * milliseconds (the batching bundle's automatic micro-batching), e.g. {@code "2"}.
     *
     * @since 1.1
     */
    public static final String BATCH_WINDOW = "batch.window.ms";

    /** No timeout, no attributes. */
    public static final CallOptions DEFAULT = new CallOptions(null, Map.of());

    private final Duration timeout;
    private final Map<String, String> attributes;
    private final boolean pure;

    private CallOptions(Duration timeout, Map<String, String> attributes) {
        this.timeout = timeout;
        this.attributes = attributes;
        this.pure = "true".equals(attributes.get(PURE));
    }

    /** Options that declare the function {@link #PURE pure}: its results may be memoized. */
    public static CallOptions pure() {
        return DEFAULT.withPure();
    }

    /** These options, declaring the function {@link #PURE pure}. */
    public CallOptions withPure() {
        return withAttribute(PURE, "true");
    }

    /** Whether the attribute {@link #PURE} is {@code "true"}. */
    public boolean isPure() {
        return pure;
    }

    /** Options with this timeout; the foreign work is stopped when it runs out. */
    public static CallOptions timeout(Duration timeout) {
        return DEFAULT.withTimeout(timeout);
    }

    /**
     * @param timeout a positive duration, or {@code null} for none
     */
    public CallOptions withTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("a timeout must be positive, not " + timeout);
        }
        return new CallOptions(timeout, attributes);
    }

    public CallOptions withAttribute(String key, String value) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new CallOptions(timeout, Map.copyOf(copy));
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallOptions other && Objects.equals(timeout, other.timeout)
            && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, attributes);
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeout + ", attributes=" + attributes + "]";
    }
}
