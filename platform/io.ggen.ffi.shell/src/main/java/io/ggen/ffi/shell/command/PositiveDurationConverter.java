package io.ggen.ffi.shell.command;

import io.ggen.ffi.convert.text.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a timeout or a time option the platform's way ({@link Durations}: {@code 500ms}, {@code 2s},
 * {@code 1.5s}, {@code 1m}, {@code PT2S}) and refuses zero and negative durations.
 */
public final class PositiveDurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        Duration result;
        try {
            result = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (result.isZero() || result.isNegative()) {
            throw new TypeConversionException("a timeout must be positive, not '" + text + "'");
        }
        return result;
    }
}
