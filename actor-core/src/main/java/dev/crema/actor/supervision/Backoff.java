package dev.crema.actor.supervision;

import dev.crema.actor.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Delayed restarts: the n-th consecutive restart of a child waits {@code min × 2^(n-1)}, capped at
 * {@code max}, stretched by a random jitter of up to {@code jitter} (0.2 = up to 20 % longer), so that
 * many children failing together do not restart in lockstep. The count goes back to zero once the child
 * has run without failing for {@code resetAfter} (by default, {@code max}).
 *
 * <p>During the delay the child is suspended: messages sent to it wait in its bounded mailbox and are
 * handled by the new instance; none is dropped (a full mailbox refuses new ones as usual, visibly).
 *
 * <pre>{@code
 * ChildSpec.worker("db", Db::new).withBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final double jitter;
    private final long resetAfterNanos;

    private Backoff(long minNanos, long maxNanos, double jitter, long resetAfterNanos) {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.jitter = jitter;
        this.resetAfterNanos = resetAfterNanos;
    }

    /**
     * Exponential backoff from {@code min} to {@code max}, with a jitter of 0.2.
     *
     * @param min the first delay, positive
     * @param max the cap, at least {@code min}
     * @return the policy
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code min} is not positive or {@code max} is less than {@code min}
     */
    public static Backoff exponential(Duration min, Duration max) {
        long lo = Checks.positiveNanos(min, "backoff minimum");
        long hi = Checks.positiveNanos(max, "backoff maximum");
        if (hi < lo) {
            throw new IllegalArgumentException("backoff maximum " + max + " is less than the minimum " + min);
        }
        return new Backoff(lo, hi, 0.2, hi);
    }

    /**
     * Sets the random stretch.
     *
     * @param jitter from 0 (none) to 1 (up to twice as long)
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public Backoff withJitter(double jitter) {
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1, got " + jitter);
        }
        return new Backoff(minNanos, maxNanos, jitter, resetAfterNanos);
    }

    /**
     * Sets how long a child must run without failing for the delay to start again from {@code min}.
     *
     * @param stable positive
     * @return a copy
     * @throws NullPointerException     if {@code stable} is {@code null}
     * @throws IllegalArgumentException if not positive
     */
    public Backoff withResetAfter(Duration stable) {
        return new Backoff(minNanos, maxNanos, jitter, Checks.positiveNanos(stable, "backoff reset"));
    }

    /**
     * The delay before a restart.
     *
     * @param attempt the consecutive restart, from 1
     * @param random  a uniform random number in [0, 1)
     * @return the delay
     * @throws IllegalArgumentException if {@code attempt} is less than 1 or {@code random} is outside [0, 1)
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1), got " + random);
        }
        int shift = Math.min(attempt - 1, 62);
        long base = minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
        double stretched = base * (1 + jitter * random);
        return Duration.ofNanos(stretched >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) stretched);
    }

    /** {@return how long a child must run without failing for the count to reset, in nanoseconds} */
    public long resetAfterNanos() {
        return resetAfterNanos;
    }

    @Override
    public String toString() {
        return "Backoff[" + Duration.ofNanos(minNanos) + ".." + Duration.ofNanos(maxNanos) + ", jitter " + jitter
                + ", reset after " + Duration.ofNanos(resetAfterNanos) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff b && b.minNanos == minNanos && b.maxNanos == maxNanos && b.jitter == jitter
                && b.resetAfterNanos == resetAfterNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minNanos, maxNanos, jitter, resetAfterNanos);
    }
}
