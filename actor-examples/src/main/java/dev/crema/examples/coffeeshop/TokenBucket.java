package dev.crema.examples.coffeeshop;

/**
 * The door's rate limit: {@code ratePerMinute} tokens a minute, at most {@code burst} saved up; each
 * customer let in takes one. Time is the caller's (simulated) clock, so the same arrivals always get the
 * same answers. Also the live shop's per-session command limit ({@code actor-examples-web}, on
 * {@code System.nanoTime()}). Not thread-safe: one actor owns it (the {@link Door}, a session), and an actor's
 * state needs no locks.
 */
public final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    /**
     * A full bucket.
     *
     * @param ratePerMinute tokens added a minute
     * @param burst         the most tokens saved up
     * @param startNanos    the time it starts at, on the caller's clock
     * @throws IllegalArgumentException if the rate is not positive or the burst below 1
     */
    public TokenBucket(double ratePerMinute, int burst, long startNanos) {
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
     * @return whether a token was taken (the customer may come in, the command may go through)
     */
    public boolean tryTake(long nowNanos) {
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
