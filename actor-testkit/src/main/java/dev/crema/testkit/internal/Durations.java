package dev.crema.testkit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/** Durations as people read and write them in failure messages and system properties. */
public final class Durations {

    private Durations() {
    }

    /**
     * {@return e.g. {@code 850 us}, {@code 12 ms}, {@code 1.5 s}, {@code 2m 05s}}: short, for failure messages.
     *
     * @param d a duration, zero or more
     */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return nanos / 1_000 + " us";
        }
        if (nanos < 1_000_000_000) {
            return nanos / 1_000_000 + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return s < 3600 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }

    /**
     * Parses {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}).
     *
     * @param what  names the setting in the exception, e.g. "system property crema.testkit.timeout"
     * @param value the text
     * @return the duration, positive
     * @throws IllegalArgumentException naming {@code what} if the text is not a positive duration
     */
    public static Duration parsePositive(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        String s = value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).strip()));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).strip()));
            } else {
                throw new IllegalArgumentException(invalid(what, value));
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(invalid(what, value), e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(invalid(what, value));
        }
        return d;
    }

    private static String invalid(String what, String value) {
        return what + " must be a positive duration such as 10s, 500ms, 2m or PT10S, got '" + value + "'";
    }

    /**
     * Checks a timeout argument.
     *
     * @param timeout the timeout
     * @param what    its name in the exception
     * @return the timeout
     * @throws NullPointerException     if it is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public static Duration requirePositive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what + " must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + timeout);
        }
        return timeout;
    }

    /** {@return the nanoseconds of {@code d}, or {@link Long#MAX_VALUE} if it does not fit} */
    public static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
