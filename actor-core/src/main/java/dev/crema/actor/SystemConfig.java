package dev.crema.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link ActorSystem}. Immutable; each {@code withX} returns a copy.
 *
 * <pre>{@code
 * ActorSystem system = ActorSystem.create("shop", SystemConfig.defaults()
 *         .withParallelism(4)
 *         .withShutdownTimeout(Duration.ofSeconds(5))
 *         .withShutdownHook(true));
 * }</pre>
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>parallelism of {@link Dispatcher#DEFAULT}</td><td>available processors</td></tr>
 *   <tr><td>threads of {@link Dispatcher#BLOCKING}</td><td>64</td></tr>
 *   <tr><td>throughput (messages per turn)</td><td>{@value #DEFAULT_THROUGHPUT}</td></tr>
 *   <tr><td>default mailbox</td><td>{@link Mailbox#bounded bounded}({@value Mailbox#DEFAULT_CAPACITY})</td></tr>
 *   <tr><td>shutdown timeout used by {@link ActorSystem#close()}</td><td>10 s</td></tr>
 *   <tr><td>JVM shutdown hook</td><td>off</td></tr>
 *   <tr><td>dead letters logged at WARN per second (the rest are counted and summarised)</td><td>10</td></tr>
 *   <tr><td>actor path in the SLF4J MDC (key {@value #MDC_KEY}) while a handler runs</td><td>on</td></tr>
 *   <tr><td>failure escalated past the top ({@link TopLevelFailureHandler})</td><td>keep running</td></tr>
 *   <tr><td>fatal error of the JVM in an actor ({@link FatalErrorPolicy})</td><td>stop it, escalate to the top</td></tr>
 *   <tr><td>a turn on the default dispatcher reported as starving it</td><td>after 1 s</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class SystemConfig {

    /** The default throughput batch, chosen by the ping-pong and counting benchmarks: {@value}. */
    public static final int DEFAULT_THROUGHPUT = 64;

    /** The MDC key under which the running actor's path is put: {@value}. */
    public static final String MDC_KEY = "actor";

    private static final SystemConfig DEFAULTS = new Builder().build();

    private final int parallelism;
    private final int blockingThreads;
    private final int throughput;
    private final Mailbox defaultMailbox;
    private final Duration shutdownTimeout;
    private final boolean shutdownHook;
    private final int deadLetterLogLimit;
    private final boolean mdc;
    private final TopLevelFailureHandler topLevelFailureHandler;
    private final FatalErrorPolicy fatalErrorPolicy;
    private final Duration starvationThreshold;
    private final ManualClock manualClock;
    private final boolean turnTiming;

    private SystemConfig(Builder b) {
        this.parallelism = b.parallelism;
        this.blockingThreads = b.blockingThreads;
        this.throughput = b.throughput;
        this.defaultMailbox = b.defaultMailbox;
        this.shutdownTimeout = b.shutdownTimeout;
        this.shutdownHook = b.shutdownHook;
        this.deadLetterLogLimit = b.deadLetterLogLimit;
        this.mdc = b.mdc;
        this.topLevelFailureHandler = b.topLevelFailureHandler;
        this.fatalErrorPolicy = b.fatalErrorPolicy;
        this.starvationThreshold = b.starvationThreshold;
        this.manualClock = b.manualClock;
        this.turnTiming = b.turnTiming;
    }

    /** The mutable twin used by the {@code withX} methods: copy, change one field, freeze. */
    private static final class Builder {
        int parallelism = Runtime.getRuntime().availableProcessors();
        int blockingThreads = 64;
        int throughput = DEFAULT_THROUGHPUT;
        Mailbox defaultMailbox = Mailbox.defaultMailbox();
        Duration shutdownTimeout = Duration.ofSeconds(10);
        boolean shutdownHook;
        int deadLetterLogLimit = 10;
        boolean mdc = true;
        TopLevelFailureHandler topLevelFailureHandler = TopLevelFailureHandler.keepRunning();
        FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy.ESCALATE;
        Duration starvationThreshold = Duration.ofSeconds(1);
        ManualClock manualClock;
        boolean turnTiming;

        Builder() {
        }

        Builder(SystemConfig c) {
            parallelism = c.parallelism;
            blockingThreads = c.blockingThreads;
            throughput = c.throughput;
            defaultMailbox = c.defaultMailbox;
            shutdownTimeout = c.shutdownTimeout;
            shutdownHook = c.shutdownHook;
            deadLetterLogLimit = c.deadLetterLogLimit;
            mdc = c.mdc;
            topLevelFailureHandler = c.topLevelFailureHandler;
            fatalErrorPolicy = c.fatalErrorPolicy;
            starvationThreshold = c.starvationThreshold;
            manualClock = c.manualClock;
            turnTiming = c.turnTiming;
        }

        SystemConfig build() {
            return new SystemConfig(this);
        }
    }

    private SystemConfig with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** {@return the default settings} */
    public static SystemConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Sets the number of threads of the default dispatcher.
     *
     * @param parallelism 1 to 32767
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public SystemConfig withParallelism(int parallelism) {
        requireRange("parallelism", parallelism, 1, 32767);
        return with(b -> b.parallelism = parallelism);
    }

    /**
     * Sets the number of threads of the blocking dispatcher.
     *
     * @param threads 1 to 32767
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public SystemConfig withBlockingThreads(int threads) {
        requireRange("blocking threads", threads, 1, 32767);
        return with(b -> b.blockingThreads = threads);
    }

    /**
     * Sets the default throughput batch (see {@link SpawnOptions#withThroughput}).
     *
     * @param throughput at least 1
     * @return a copy
     * @throws IllegalArgumentException if less than 1
     */
    public SystemConfig withThroughput(int throughput) {
        requireRange("throughput", throughput, 1, Integer.MAX_VALUE);
        return with(b -> b.throughput = throughput);
    }

    /**
     * Sets the mailbox of actors spawned without one.
     *
     * @param mailbox the mailbox spec
     * @return a copy
     * @throws NullPointerException if {@code mailbox} is {@code null}
     */
    public SystemConfig withDefaultMailbox(Mailbox mailbox) {
        Objects.requireNonNull(mailbox, "default mailbox must not be null");
        return with(b -> b.defaultMailbox = mailbox);
    }

    /**
     * Sets the deadline {@link ActorSystem#close()} passes to {@link ActorSystem#shutdown(Duration)}.
     *
     * @param timeout positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if not positive
     */
    public SystemConfig withShutdownTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "shutdown timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("shutdown timeout must be positive, got " + timeout);
        }
        return with(b -> b.shutdownTimeout = timeout);
    }

    /**
     * Whether to register a JVM shutdown hook that shuts the system down (with the shutdown timeout) when
     * the JVM exits. The hook is removed when the system is shut down normally.
     *
     * @param enabled on or off
     * @return a copy
     */
    public SystemConfig withShutdownHook(boolean enabled) {
        return with(b -> b.shutdownHook = enabled);
    }

    /**
     * Sets how many dead letters per second are logged individually at WARN; beyond that they are counted
     * and one summary line per second says how many were not logged. Zero logs only the summaries.
     *
     * @param perSecond zero or more
     * @return a copy
     * @throws IllegalArgumentException if negative
     */
    public SystemConfig withDeadLetterLogLimit(int perSecond) {
        requireRange("dead letter log limit", perSecond, 0, Integer.MAX_VALUE);
        return with(b -> b.deadLetterLogLimit = perSecond);
    }

    /**
     * Whether to put the running actor's path in the SLF4J MDC under {@value #MDC_KEY} while its handlers
     * run. Costs a little per dispatch turn.
     *
     * @param enabled on or off
     * @return a copy
     */
    public SystemConfig withMdc(boolean enabled) {
        return with(b -> b.mdc = enabled);
    }

    /**
     * Sets what happens when a failure escalates past a top-level actor (see
     * {@link TopLevelFailureHandler}); the default keeps the system running.
     *
     * @param handler the handler
     * @return a copy
     * @throws NullPointerException if {@code handler} is {@code null}
     */
    public SystemConfig withTopLevelFailureHandler(TopLevelFailureHandler handler) {
        java.util.Objects.requireNonNull(handler, "top-level failure handler must not be null");
        return with(b -> b.topLevelFailureHandler = handler);
    }

    /**
     * Sets what happens when an actor throws a fatal error of the JVM ({@link FatalErrorPolicy}); the
     * default, {@link FatalErrorPolicy#ESCALATE}, stops the actor and calls the top-level failure handler.
     *
     * @param policy the policy
     * @return a copy
     * @throws NullPointerException if {@code policy} is {@code null}
     */
    public SystemConfig withFatalErrorPolicy(FatalErrorPolicy policy) {
        Objects.requireNonNull(policy, "fatal error policy must not be null");
        return with(b -> b.fatalErrorPolicy = policy);
    }

    /** {@return what happens on a fatal error of the JVM} */
    public FatalErrorPolicy fatalErrorPolicy() {
        return fatalErrorPolicy;
    }

    /**
     * Sets how long one turn of an actor on {@link Dispatcher#DEFAULT} may run before it is reported at WARN
     * (once per turn, with the actor's path and the stack of the thread it holds): a handler that blocks
     * there keeps every other actor from that thread, and with a few such handlers the whole pool starves.
     * The check is a periodic look at each worker of the pool, nothing per message. {@link Duration#ZERO}
     * turns it off.
     *
     * @param threshold positive, or zero for off; default 1 s
     * @return a copy
     * @throws NullPointerException     if {@code threshold} is {@code null}
     * @throws IllegalArgumentException if negative
     */
    public SystemConfig withStarvationThreshold(Duration threshold) {
        Objects.requireNonNull(threshold, "starvation threshold must not be null");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("starvation threshold must be positive, or zero for off, got " + threshold);
        }
        return with(b -> b.starvationThreshold = threshold);
    }

    /** {@return how long a turn on the default dispatcher may run before it is reported; zero for never} */
    public Duration starvationThreshold() {
        return starvationThreshold;
    }

    /**
     * Runs the system on a clock the test moves ({@link ManualClock}) instead of real time: actor timers, ask
     * and send timeouts, registry waits, stop policies, restart windows and backoffs wait for
     * {@link ManualClock#advance}. For tests. A clock drives one system.
     *
     * @param clock the clock
     * @return a copy
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public SystemConfig withManualClock(ManualClock clock) {
        Objects.requireNonNull(clock, "clock must not be null");
        return with(b -> b.manualClock = clock);
    }

    /** {@return the manual clock the system runs on, or {@code null} for real time} */
    public ManualClock manualClock() {
        return manualClock;
    }

    /**
     * Whether to time every turn of every actor, so that {@link ActorSystem#inspect()} reports the time each
     * spent in its handlers. Off by default: it costs two clock reads per turn, which shows on actors whose
     * messages are handled in a few tens of nanoseconds. The Flight Recorder's slow-turn event
     * ({@code dev.crema.SlowTurn}) needs no setting.
     *
     * @param enabled on or off
     * @return a copy
     */
    public SystemConfig withTurnTiming(boolean enabled) {
        return with(b -> b.turnTiming = enabled);
    }

    /** {@return whether every turn is timed for the snapshot} */
    public boolean turnTiming() {
        return turnTiming;
    }

    /** {@return the handler for failures that escalate past the top} */
    public TopLevelFailureHandler topLevelFailureHandler() {
        return topLevelFailureHandler;
    }

    /** {@return the number of threads of the default dispatcher} */
    public int parallelism() {
        return parallelism;
    }

    /** {@return the number of threads of the blocking dispatcher} */
    public int blockingThreads() {
        return blockingThreads;
    }

    /** {@return the default throughput batch} */
    public int throughput() {
        return throughput;
    }

    /** {@return the default mailbox} */
    public Mailbox defaultMailbox() {
        return defaultMailbox;
    }

    /** {@return the deadline used by {@link ActorSystem#close()}} */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** {@return whether a JVM shutdown hook is registered} */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** {@return how many dead letters a second are logged one by one} */
    public int deadLetterLogLimit() {
        return deadLetterLogLimit;
    }

    /** {@return whether the actor path is put in the MDC} */
    public boolean mdc() {
        return mdc;
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    @Override
    public String toString() {
        return "SystemConfig[parallelism=" + parallelism + ", blockingThreads=" + blockingThreads
                + ", throughput=" + throughput + ", defaultMailbox=" + defaultMailbox + ", shutdownTimeout="
                + shutdownTimeout + ", shutdownHook=" + shutdownHook + ", deadLetterLogLimit="
                + deadLetterLogLimit + ", mdc=" + mdc + ", fatalErrorPolicy=" + fatalErrorPolicy
                + ", starvationThreshold=" + starvationThreshold + "]";
    }
}
