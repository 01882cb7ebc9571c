package io.ggen.ffi.webconsole.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the timeout field: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 1m}, or a plain number of seconds. */
final class Timeouts {

    static final Duration DEFAULT = Duration.ofSeconds(5);
    static final String DEFAULT_TEXT = "5s";
    static final Duration MAX = Duration.ofSeconds(60);

    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ms|s|m)?");

    private Timeouts() {
    }

    /**
     * The timeout typed, {@link #DEFAULT} when blank.
     *
     * @throws IllegalArgumentException a message that says what to type instead
     */
    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return DEFAULT;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a timeout: write e.g. 500ms, 5s, 1.5s or 1m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1_000;
        };
        Duration timeout = Duration.ofNanos(Math.round(millis * 1_000_000));
        if (timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be more than 0");
        }
        if (timeout.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("the timeout can be at most " + MAX.toSeconds() + "s, not " + text.strip());
        }
        return timeout;
    }

    /** A duration for people: {@code 800 ms}, {@code 5 s}, {@code 1.5 s}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
