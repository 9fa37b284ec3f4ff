package dev.crema.actor.supervision;

import dev.crema.actor.Decider;
import dev.crema.actor.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A supervisor's specification: strategy, restart intensity, decider, auto-shutdown and the ordered child
 * specs. Immutable; each {@code withX} returns a copy.
 *
 * <h2>One example per strategy</h2>
 * <pre>{@code
 * // ONE_FOR_ONE: independent workers; a crash restarts only the crashed one
 * SupervisorSpec.oneForOne().withChild(ChildSpec.worker("mailer", Mailer::new))
 *                           .withChild(ChildSpec.worker("billing", Billing::new));
 *
 * // ONE_FOR_ALL: children that only make sense together; one crash restarts all (stop in reverse, start in order)
 * SupervisorSpec.oneForAll().withChild(ChildSpec.worker("connection", Connection::new))
 *                           .withChild(ChildSpec.worker("session", Session::new));
 *
 * // REST_FOR_ONE: a pipeline; a crash restarts the crashed stage and every stage started after it
 * SupervisorSpec.restForOne().withChild(ChildSpec.worker("reader", Reader::new))
 *                            .withChild(ChildSpec.worker("parser", Parser::new))
 *                            .withChild(ChildSpec.worker("writer", Writer::new));
 *
 * // POOL: many children of one template, added at run time, each restarted on its own
 * SupervisorSpec.pool(ChildSpec.worker("barista", Barista::new).withRestart(RestartType.TRANSIENT));
 * }</pre>
 *
 * <h2>Defaults (OTP's)</h2>
 * Restart intensity 1 restart in 5 s: a second restart within 5 s makes the supervisor stop all its
 * children (reverse start order) and fail, so its parent decides; at the top, the system's
 * {@link dev.crema.actor.TopLevelFailureHandler} is called. The decider restarts on every failure
 * ({@link Decider#restart()}); auto-shutdown {@link AutoShutdown#NEVER}; {@link Ticker#system()}; start
 * timeout 30 s (how long {@link Supervisor#start} waits for every child to start).
 *
 * <p>Thread-safe.
 */
public final class SupervisorSpec {

    private final Strategy strategy;
    private final int intensity;
    private final Duration period;
    private final Decider decider;
    private final AutoShutdown autoShutdown;
    private final Ticker ticker;
    private final Duration startTimeout;
    private final Duration commandTimeout;
    private final List<ChildSpec<?>> children;
    private final ChildSpec<?> template;

    private SupervisorSpec(Builder b) {
        this.strategy = b.strategy;
        this.intensity = b.intensity;
        this.period = b.period;
        this.decider = b.decider;
        this.autoShutdown = b.autoShutdown;
        this.ticker = b.ticker;
        this.startTimeout = b.startTimeout;
        this.commandTimeout = b.commandTimeout;
        this.children = List.copyOf(b.children);
        this.template = b.template;
    }

    private static final class Builder {
        Strategy strategy;
        int intensity = 1;
        Duration period = Duration.ofSeconds(5);
        Decider decider = Decider.restart();
        AutoShutdown autoShutdown = AutoShutdown.NEVER;
        Ticker ticker = Ticker.system();
        Duration startTimeout = Duration.ofSeconds(30);
        Duration commandTimeout = Duration.ofSeconds(30);
        List<ChildSpec<?>> children = new ArrayList<>();
        ChildSpec<?> template;

        Builder(Strategy strategy) {
            this.strategy = strategy;
        }

        Builder(SupervisorSpec s) {
            strategy = s.strategy;
            intensity = s.intensity;
            period = s.period;
            decider = s.decider;
            autoShutdown = s.autoShutdown;
            ticker = s.ticker;
            startTimeout = s.startTimeout;
            commandTimeout = s.commandTimeout;
            children = new ArrayList<>(s.children);
            template = s.template;
        }
    }

    private SupervisorSpec with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return new SupervisorSpec(b);
    }

    /** {@return an empty one-for-one spec} */
    public static SupervisorSpec oneForOne() {
        return new SupervisorSpec(new Builder(Strategy.ONE_FOR_ONE));
    }

    /** {@return an empty one-for-all spec} */
    public static SupervisorSpec oneForAll() {
        return new SupervisorSpec(new Builder(Strategy.ONE_FOR_ALL));
    }

    /** {@return an empty rest-for-one spec} */
    public static SupervisorSpec restForOne() {
        return new SupervisorSpec(new Builder(Strategy.REST_FOR_ONE));
    }

    /**
     * A pool: children of one template, started at run time with {@link Supervisor#startChild()}; their
     * ids are the template's id followed by {@code -1}, {@code -2}, ...
     *
     * @param template the child spec every pool member is made from
     * @return the spec
     * @throws NullPointerException if {@code template} is {@code null}
     */
    public static SupervisorSpec pool(ChildSpec<?> template) {
        Objects.requireNonNull(template, "pool template must not be null");
        Builder b = new Builder(Strategy.POOL);
        b.template = template;
        return new SupervisorSpec(b);
    }

    /**
     * Appends a child; children start in the order they are added.
     *
     * @param child the child spec
     * @return a copy
     * @throws NullPointerException     if {@code child} is {@code null}
     * @throws IllegalArgumentException if a child with that id exists, or this is a pool (its children are
     *                                  added at run time)
     */
    public SupervisorSpec withChild(ChildSpec<?> child) {
        Objects.requireNonNull(child, "child spec must not be null");
        if (strategy == Strategy.POOL) {
            throw new IllegalArgumentException("a pool supervisor has no static children; use Supervisor.startChild()");
        }
        for (ChildSpec<?> c : children) {
            if (c.id().equals(child.id())) {
                throw new IllegalArgumentException("duplicate child id '" + child.id() + "'");
            }
        }
        return with(b -> b.children.add(child));
    }

    /**
     * Sets the restart intensity: more than {@code maxRestarts} restarts within {@code period} make the
     * supervisor give up (stop its children, then fail).
     *
     * @param maxRestarts zero or more
     * @param period      positive
     * @return a copy
     * @throws IllegalArgumentException if {@code maxRestarts} is negative or {@code period} not positive
     * @throws NullPointerException     if {@code period} is {@code null}
     */
    public SupervisorSpec withIntensity(int maxRestarts, Duration period) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("restart intensity must not be negative, got " + maxRestarts);
        }
        Checks.positiveNanos(period, "restart period");
        return with(b -> {
            b.intensity = maxRestarts;
            b.period = period;
        });
    }

    /**
     * Sets what to do with a failed child. {@link dev.crema.actor.Directive#RESTART} applies the
     * child's {@link RestartType} and the strategy; RESUME keeps its state; STOP stops it for good;
     * ESCALATE fails the supervisor.
     *
     * @param decider the decider
     * @return a copy
     * @throws NullPointerException if {@code decider} is {@code null}
     */
    public SupervisorSpec withDecider(Decider decider) {
        Objects.requireNonNull(decider, "decider must not be null");
        return with(b -> b.decider = decider);
    }

    /**
     * Sets auto-shutdown on significant children.
     *
     * @param autoShutdown the mode
     * @return a copy
     * @throws NullPointerException if {@code autoShutdown} is {@code null}
     */
    public SupervisorSpec withAutoShutdown(AutoShutdown autoShutdown) {
        Objects.requireNonNull(autoShutdown, "auto shutdown must not be null");
        return with(b -> b.autoShutdown = autoShutdown);
    }

    /**
     * Sets the clock of the restart-intensity window and backoff reset (for tests).
     *
     * @param ticker the clock
     * @return a copy
     * @throws NullPointerException if {@code ticker} is {@code null}
     */
    public SupervisorSpec withTicker(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker must not be null");
        return with(b -> b.ticker = ticker);
    }

    /**
     * Sets how long {@link Supervisor#start} waits for all children to start.
     *
     * @param timeout positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if not positive
     */
    public SupervisorSpec withStartTimeout(Duration timeout) {
        Checks.positiveNanos(timeout, "start timeout");
        return with(b -> b.startTimeout = timeout);
    }

    /**
     * Sets how long the operator commands of the {@link Supervisor} handle ({@code startChild},
     * {@code terminateChild}, {@code restartChild}, {@code deleteChild}) wait for the supervisor to carry
     * them out before their future fails with {@link dev.crema.actor.AskTimeoutException}. Default 30 s; a
     * command whose child takes its whole {@link StopPolicy} to stop needs at least that long.
     *
     * @param timeout positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if not positive
     */
    public SupervisorSpec withCommandTimeout(Duration timeout) {
        Checks.positiveNanos(timeout, "command timeout");
        return with(b -> b.commandTimeout = timeout);
    }

    /** {@return how long an operator command of the handle waits for the supervisor (default 30 s)} */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** {@return the strategy} */
    public Strategy strategy() {
        return strategy;
    }

    /** {@return the maximum restarts within {@link #period()}} */
    public int intensity() {
        return intensity;
    }

    /** {@return the intensity window} */
    public Duration period() {
        return period;
    }

    /** {@return the decider} */
    public Decider decider() {
        return decider;
    }

    /** {@return the auto-shutdown mode} */
    public AutoShutdown autoShutdown() {
        return autoShutdown;
    }

    /** {@return the clock} */
    public Ticker ticker() {
        return ticker;
    }

    /** {@return how long a blocking start waits} */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** {@return the static children, in start order} */
    public List<ChildSpec<?>> children() {
        return children;
    }

    /** {@return the pool template, or {@code null} if this is not a pool} */
    public ChildSpec<?> template() {
        return template;
    }

    @Override
    public String toString() {
        return "SupervisorSpec[" + strategy + ", intensity " + intensity + " in " + period + ", " + children.size()
                + " children" + (autoShutdown != AutoShutdown.NEVER ? ", " + autoShutdown : "") + "]";
    }
}
