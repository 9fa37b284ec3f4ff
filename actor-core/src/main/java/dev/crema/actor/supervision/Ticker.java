package dev.crema.actor.supervision;

/**
 * A source of nanosecond time for a supervisor's restart-intensity window and backoff reset, so tests can
 * drive the clock instead of sleeping. Must be thread-safe and monotonic.
 *
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * SupervisorSpec spec = SupervisorSpec.oneForOne().withTicker(now::get);
 * now.addAndGet(Duration.ofSeconds(6).toNanos());   // the restart window has passed
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {

    /** {@return the current time in nanoseconds, from an arbitrary origin} */
    long read();

    /**
     * The default: the actor system's own clock, which is {@link System#nanoTime()} unless the system runs on
     * a {@link dev.crema.actor.ManualClock}, whose time it then follows.
     *
     * @return the shared default ticker
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
