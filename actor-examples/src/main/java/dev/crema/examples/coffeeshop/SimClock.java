package dev.crema.examples.coffeeshop;

import dev.crema.actor.ManualClock;
import java.time.Duration;

/**
 * Simulated time, in one of two modes.
 * <ul>
 *   <li>Real time (the default): the shop's day runs {@code speedUp} times faster than the wall clock, so a
 *       brew of 60 simulated seconds is a 30 ms timer at 2000x.</li>
 *   <li>Deterministic ({@code --deterministic}): the system runs on a {@link ManualClock} that the shop moves
 *       itself, so simulated time is the clock's time and a brew is a 60 s timer on it: the day takes as long as
 *       the actors need to handle it, and no timing of the machine enters the simulation.</li>
 * </ul>
 * Every delay the actors schedule goes through {@link #toReal}; every moment they record comes from
 * {@link #now}. Thread-safe (immutable; the manual clock is thread-safe).
 */
final class SimClock {

    private final double speedUp;
    private final long startNanos = System.nanoTime();
    private final ManualClock manual;

    /** Real time, {@code speedUp} times faster. */
    SimClock(double speedUp) {
        this.speedUp = speedUp;
        this.manual = null;
    }

    /** The manual clock's time; it moves only when the shop moves it. */
    SimClock(ManualClock manual) {
        this.speedUp = 1;
        this.manual = manual;
    }

    /** @return whether this is the deterministic mode's manual clock */
    boolean isManual() {
        return manual != null;
    }

    /** @return the system's delay for a simulated one; never zero, because timers need a positive delay */
    Duration toReal(Duration simulated) {
        return Duration.ofNanos(Math.max(1, (long) (simulated.toNanos() / speedUp)));
    }

    /**
     * A period that is {@code realTime} of the wall clock in the real-time mode and, in the deterministic mode,
     * what that is in simulated time at the default speed-up: a street tick, a redraw.
     */
    Duration interval(Duration realTime) {
        return manual == null ? realTime : realTime.multipliedBy((long) Options.defaults().speedUp());
    }

    /** @return simulated nanoseconds since the shop opened */
    long now() {
        return manual != null ? manual.elapsed().toNanos() : (long) ((System.nanoTime() - startNanos) * speedUp);
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
