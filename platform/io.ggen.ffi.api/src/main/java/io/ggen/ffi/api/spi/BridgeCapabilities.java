package io.ggen.ffi.api.spi;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a bridge can do beyond plain calls: a set of named capabilities, so that a new one never
 * changes what bridges already write. The platform knows {@link #NATIVE_BATCHING},
 * {@link #CANCELLATION}, {@link #ISOLATION} and {@link #HANDLES}; a bridge may name others of its
 * own (lower case, e.g. {@code wasi}), which listings show.
 *
 * <pre>{@code
 * BridgeCapabilities.of(BridgeCapabilities.CANCELLATION, BridgeCapabilities.HANDLES)
 * }</pre>
 *
 * @param names the capabilities' names, in a set of their own
 */
public record BridgeCapabilities(Set<String> names) {

    /** {@link GuestFunction#callBatch} crosses into the language once per batch. */
    public static final String NATIVE_BATCHING = "native-batching";

    /** It stops running foreign work when a call times out or is cancelled. */
    public static final String CANCELLATION = "cancellation";

    /** Each module runs apart from the others (its own context, process or library). */
    public static final String ISOLATION = "isolation";

    /** It returns foreign objects as handles whose members can be called. */
    public static final String HANDLES = "handles";

    /** None of the extras. */
    public static final BridgeCapabilities NONE = new BridgeCapabilities(Set.of());

    /** Copies the names; each must be non-blank. */
    public BridgeCapabilities {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a capability needs a name: " + names);
            }
        }
        names = Set.copyOf(names);
    }

    /**
     * The four capabilities of SPI 1.0.
     *
     * @deprecated since 1.1: use {@link #of(String...)}, which new capabilities do not change
     */
    @Deprecated(since = "1.1")
    public BridgeCapabilities(boolean nativeBatching, boolean cancellation, boolean isolation, boolean handles) {
        this(named(nativeBatching, cancellation, isolation, handles));
    }

    private static Set<String> named(boolean nativeBatching, boolean cancellation, boolean isolation, boolean handles) {
        Set<String> names = new TreeSet<>();
        if (nativeBatching) {
            names.add(NATIVE_BATCHING);
        }
        if (cancellation) {
            names.add(CANCELLATION);
        }
        if (isolation) {
            names.add(ISOLATION);
        }
        if (handles) {
            names.add(HANDLES);
        }
        return names;
    }

    /**
     * These capabilities.
     *
     * @since 1.1
     */
    public static BridgeCapabilities of(String... names) {
        return new BridgeCapabilities(new TreeSet<>(Arrays.asList(names)));
    }

    /**
     * Whether it has the named capability.
     *
     * @since 1.1
     */
    public boolean has(String name) {
        return names.contains(name);
    }

    /**
     * These capabilities and more.
     *
     * @since 1.1
     */
    public BridgeCapabilities with(String... more) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(Arrays.asList(more));
        return new BridgeCapabilities(all);
    }

    /** Whether it has {@link #NATIVE_BATCHING}. */
    public boolean nativeBatching() {
        return has(NATIVE_BATCHING);
    }

    /** Whether it has {@link #CANCELLATION}. */
    public boolean cancellation() {
        return has(CANCELLATION);
    }

    /** Whether it has {@link #ISOLATION}. */
    public boolean isolation() {
        return has(ISOLATION);
    }

    /** Whether it has {@link #HANDLES}. */
    public boolean handles() {
        return has(HANDLES);
    }

    /** The names, sorted and comma-separated, e.g. {@code cancellation, handles}; {@code none} for none. */
    @Override
    public String toString() {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }
}
