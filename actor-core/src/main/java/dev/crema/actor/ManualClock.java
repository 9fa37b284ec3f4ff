package dev.crema.actor;

import dev.crema.actor.internal.Checks;
import dev.crema.actor.internal.ManualTimeline;
import java.time.Duration;
import java.util.Objects;

/**
 * Time that a test moves by hand, for deterministic tests of everything time-driven: actor timers, ask
 * timeouts, send timeouts, registry waits, supervisors' stop policies, restart-intensity windows and
 * backoffs. Give it to a system with {@link SystemConfig#withManualClock}; from then on nothing in that
 * system waits for real time to pass, and a timer fires only when {@link #advance} reaches it.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.create();
 * try (ActorSystem system = ActorSystem.create("test", SystemConfig.defaults().withManualClock(clock))) {
 *     Addr<String> a = system.spawn("a", ctx -> { ctx.timers().startSingle("k", "ping", Duration.ofMinutes(5)); ... });
 *     clock.advance(Duration.ofMinutes(5));   // the ping is delivered, and handled, before this returns
 * }
 * }</pre>
 *
 * <p>{@link #advance} fires the timers that fall due on the way in deadline order; before each, and once
 * more at the end, it lets the actors run until the system is quiet (every actor idle, nothing in flight),
 * so that whatever a timer's message causes (timers it starts included) happens before the next one fires.
 * Actors still run on their dispatchers' real threads; only waiting is replaced. The system's shutdown
 * deadline and the runtime's own housekeeping stay on real time.
 *
 * <p>One clock drives one system. Thread-safe; {@link #advance} and {@link #awaitQuiet} are meant for the
 * test thread (never an actor's: they wait for the actors).
 */
public final class ManualClock {

    /** How long {@link #advance} waits, in real time, for the actors to go quiet by default: {@value} s. */
    public static final int DEFAULT_QUIET_TIMEOUT_SECONDS = 10;

    private final ManualTimeline timeline;

    private ManualClock(Duration quietTimeout) {
        this.timeline = new ManualTimeline(quietTimeout);
    }

    /** {@return a clock at time zero that waits up to 10 s (real time) for the actors to go quiet} */
    public static ManualClock create() {
        return new ManualClock(Duration.ofSeconds(DEFAULT_QUIET_TIMEOUT_SECONDS));
    }

    /**
     * A clock at time zero.
     *
     * @param quietTimeout how long, in real time, {@link #advance} waits for the actors to go quiet before it
     *                     fails; positive
     * @return the clock
     * @throws NullPointerException     if {@code quietTimeout} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public static ManualClock create(Duration quietTimeout) {
        Checks.positiveNanos(quietTimeout, "quiet timeout");
        return new ManualClock(quietTimeout);
    }

    /**
     * Moves time forward, firing every timer that falls due on the way, in order, each after the system has
     * gone quiet, and returns once the system is quiet again.
     *
     * @param by how far, zero or more (zero just lets the system go quiet)
     * @throws NullPointerException     if {@code by} is {@code null}
     * @throws IllegalArgumentException if {@code by} is negative
     * @throws IllegalStateException    if the actors do not go quiet within the quiet timeout
     */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "duration must not be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + by);
        }
        long nanos;
        try {
            nanos = by.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        timeline.advance(nanos);
    }

    /**
     * Waits until the system is quiet: every actor idle and nothing in flight, without moving time.
     *
     * @throws IllegalStateException if the actors do not go quiet within the quiet timeout
     */
    public void awaitQuiet() {
        timeline.awaitQuiet();
    }

    /** {@return how far time has been moved since the clock was created} */
    public Duration elapsed() {
        return Duration.ofNanos(timeline.elapsedNanos());
    }

    /** {@return the timeline behind this clock, for the runtime} */
    ManualTimeline timeline() {
        return timeline;
    }

    @Override
    public String toString() {
        return "ManualClock[" + elapsed() + "]";
    }
}
