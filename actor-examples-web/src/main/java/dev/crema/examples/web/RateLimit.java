package dev.crema.examples.web;

/**
 * A session's command budget: a token bucket of {@code burst} tokens refilled at {@code perSecond}, on
 * {@link System#nanoTime()}. Confined to its session actor's thread (not thread-safe).
 */
final class RateLimit {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    RateLimit(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** {@return whether a command may go through now; takes a token if so} */
    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
