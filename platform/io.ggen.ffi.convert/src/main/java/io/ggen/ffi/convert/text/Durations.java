package io.ggen.ffi.convert.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's one way to write a duration. Read: a number with a unit, {@code ms}, {@code s},
 * {@code m} or {@code h}, decimals allowed ({@code 500ms}, {@code 1.5s}, {@code 2m}), or ISO-8601
 * ({@code PT2S}). A bare number is refused unless the caller names the unit bare numbers have always
 * been in ({@link #parse(String, ChronoUnit)}). Written: the shortest exact form with those units
 * ({@code 500ms}, {@code 1.5s}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 0.25ms}), which reads
 * back as the same duration.
 *
 * <p>Whether zero or a negative duration makes sense is the caller's to decide.
 */
public final class Durations {

    private static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final String[] UNITS = {"h", "m", "s", "ms"};
    private static final BigDecimal[] UNIT_NANOS = {
        BigDecimal.valueOf(3_600_000_000_000L), BigDecimal.valueOf(60_000_000_000L), NANOS_PER_SECOND,
        BigDecimal.valueOf(1_000_000L)};
    private static final String EXAMPLES = "500ms, 2s, 1.5s, 1m, 1h or PT2S";

    private Durations() {
    }

    /**
     * A duration written with a unit or in ISO-8601.
     *
     * @throws IllegalArgumentException not a duration, or a bare number; the message says what to write
     */
    public static Duration parse(String text) {
        return parse(text, null);
    }

    /**
     * Like {@link #parse(String)}, but a bare number is in {@code bareUnit}: only for settings that
     * have always been a bare number (of milliseconds, say), so that existing configurations still work.
     *
     * @param bareUnit the unit of a number written without one; {@code null}: a bare number is refused
     * @throws IllegalArgumentException not a duration; the message says what to write
     */
    public static Duration parse(String text, ChronoUnit bareUnit) {
        Objects.requireNonNull(text, "text");
        if (bareUnit != null && bareUnit.isDurationEstimated()) {
            throw new IllegalArgumentException(bareUnit + " has no exact length: bare numbers need an exact unit");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no duration given: write e.g. " + EXAMPLES);
        }
        Matcher m = NUMBER.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration: write e.g. " + EXAMPLES, e);
            }
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal unitNanos;
        if (m.group(2) != null) {
            unitNanos = UNIT_NANOS[indexOf(m.group(2))];
        } else if (bareUnit != null) {
            unitNanos = new BigDecimal(BigInteger.valueOf(bareUnit.getDuration().getSeconds()))
                .multiply(NANOS_PER_SECOND).add(BigDecimal.valueOf(bareUnit.getDuration().getNano()));
        } else {
            throw new IllegalArgumentException("'" + value + "' has no unit: write " + m.group(1) + "ms or "
                + m.group(1) + "s");
        }
        try {
            BigDecimal[] secondsAndNanos = amount.multiply(unitNanos).setScale(0, RoundingMode.HALF_UP)
                .divideAndRemainder(NANOS_PER_SECOND);
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is too long a duration", e);
        }
    }

    /**
     * The shortest exact form in {@code h}, {@code m}, {@code s} or {@code ms}, with no unit larger than
     * the duration (so {@code 500ms}, not {@code 0.5s}); a tie goes to the larger unit. Zero is {@code 0s}.
     */
    public static String format(Duration duration) {
        BigDecimal nanos = new BigDecimal(BigInteger.valueOf(duration.getSeconds())).multiply(NANOS_PER_SECOND)
            .add(BigDecimal.valueOf(duration.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        BigDecimal size = nanos.abs();
        String best = null;
        for (int i = 0; i < UNITS.length; i++) {
            boolean last = i == UNITS.length - 1;
            if (!last && size.compareTo(UNIT_NANOS[i]) < 0) {
                continue;
            }
            String candidate;
            try {
                candidate = size.divide(UNIT_NANOS[i]).stripTrailingZeros().toPlainString() + UNITS[i];
            } catch (ArithmeticException e) {
                continue; // not a terminating decimal in this unit (a third of a minute): not exact
            }
            if (best == null || candidate.length() < best.length()) {
                best = candidate;
            }
        }
        return nanos.signum() < 0 ? "-" + best : best;
    }

    private static int indexOf(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException(unit);
    }
}
