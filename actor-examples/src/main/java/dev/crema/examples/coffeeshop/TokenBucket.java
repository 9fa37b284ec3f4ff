package dev.crema.examples.coffeeshop;

/**
 * The door's rate limit: {@code ratePerMinute} tokens a minute, at most {@code burst} saved up; each
 * customer let in takes one. Time is the caller's (simulated) clock, so the same arrivals always get the
 * same answers. Not thread-safe: the {@link Door} actor owns it, and an actor's state needs no locks.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerMinute, int burst, long startNanos) {
        if (ratePerMinute <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.tokensPerNano = ratePerMinute / NANOS_PER_MINUTE;
        this.burst = burst;
        this.tokens = burst;
        this.last = startNanos;
    }

    /**
     * Takes a token if there is one.
     *
     * @param nowNanos the current time; earlier than a previous call counts as no time passing
     * @return whether the customer may come in
     */
    boolean tryTake(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
