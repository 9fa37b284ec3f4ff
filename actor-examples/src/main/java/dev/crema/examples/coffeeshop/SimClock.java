package dev.crema.examples.coffeeshop;

import java.time.Duration;

/**
 * Simulated time: the shop's day runs {@code speedUp} times faster than the wall clock, so a brew of
 * 60 simulated seconds is a 30 ms timer at 2000x. Every delay the actors schedule goes through
 * {@link #toReal}; everything the report shows goes through {@link #toSimulated}. Thread-safe (immutable).
 */
final class SimClock {

    private final double speedUp;
    private final long startNanos = System.nanoTime();

    SimClock(double speedUp) {
        this.speedUp = speedUp;
    }

    /** @return the real delay for a simulated one; never zero, because timers need a positive delay */
    Duration toReal(Duration simulated) {
        return Duration.ofNanos(Math.max(1, (long) (simulated.toNanos() / speedUp)));
    }

    /** @return the simulated length of a real interval */
    Duration toSimulated(long realNanos) {
        return Duration.ofNanos((long) (realNanos * speedUp));
    }

    /** @return simulated nanoseconds since the shop opened */
    long now() {
        return (long) ((System.nanoTime() - startNanos) * speedUp);
    }

    /** @return e.g. {@code 6h 15m 02s}, {@code 4m 10s}, {@code 12.5 s} */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return String.format("%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
