package dev.crema.actor.internal;

import dev.crema.actor.supervision.Ticker;
import java.util.ArrayDeque;

/**
 * A supervisor's restart-intensity window (OTP's {@code add_restart}): the times of recent restarts; a new
 * restart is allowed while the restarts within the last {@code period}, this one included, number at most
 * {@code intensity}. Owned by the supervisor's thread.
 */
final class RestartWindow {

    private final int intensity;
    private final long periodNanos;
    private final Ticker ticker;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    RestartWindow(int intensity, long periodNanos, Ticker ticker) {
        this.intensity = intensity;
        this.periodNanos = periodNanos;
        this.ticker = ticker;
    }

    /**
     * Records a restart.
     *
     * @return false if it is one more than the intensity allows within the period
     */
    boolean record() {
        long now = ticker.read();
        times.addLast(now);
        while (!times.isEmpty() && now - times.peekFirst() > periodNanos) {
            times.removeFirst();
        }
        return times.size() <= intensity;
    }
}
