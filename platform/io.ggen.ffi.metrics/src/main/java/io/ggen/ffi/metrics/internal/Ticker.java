package io.ggen.ffi.metrics.internal;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The clock of the timed calls and of the windows of time: a nanosecond reading, and the instant
 * one reading stood for, to show windows as instants. Tests pass a clock they move by hand.
 *
 * @param nanos reads the clock, like {@link System#nanoTime()}
 * @param originNanos one reading of it
 * @param origin the instant of that reading
 */
record Ticker(LongSupplier nanos, long originNanos, Instant origin) {

    static Ticker system() {
        return new Ticker(System::nanoTime, System.nanoTime(), Instant.now());
    }

    long read() {
        return nanos.getAsLong();
    }

    Instant instant(long reading) {
        return origin.plusNanos(reading - originNanos);
    }
}
