package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;

/**
 * Reads the timeout field the platform's way ({@link Durations}: {@code 500ms}, {@code 5s},
 * {@code 1.5s}, {@code 1m}, {@code PT5S}); blank is {@link #DEFAULT}, and it must be more than 0 and at
 * most {@link #MAX}.
 */
final class Timeouts {

    static final Duration DEFAULT = Duration.ofSeconds(5);
    static final String DEFAULT_TEXT = Durations.format(DEFAULT);
    static final Duration MAX = Duration.ofSeconds(60);

    private Timeouts() {
    }

    /**
     * The timeout typed, {@link #DEFAULT} when blank.
     *
     * @throws IllegalArgumentException a message that says what to type instead
     */
    static Duration parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return DEFAULT;
        }
        Duration timeout = Durations.parse(value);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be more than 0");
        }
        if (timeout.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("the timeout can be at most " + Durations.format(MAX) + ", not " + value);
        }
        return timeout;
    }
}
