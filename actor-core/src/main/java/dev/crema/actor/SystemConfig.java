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
 * </table>
 */
public final class SystemConfig {

    /** The default throughput batch, chosen by the ping-pong and counting benchmarks: {@value}. */
    public static final int DEFAULT_THROUGHPUT = 64;

    /** The MDC key under which the running actor's path is put: {@value}. */
    public static final String MDC_KEY = "actor";

    private static final SystemConfig DEFAULTS = new SystemConfig(
            Runtime.getRuntime().availableProcessors(), 64, DEFAULT_THROUGHPUT, Mailbox.defaultMailbox(),
            Duration.ofSeconds(10), false, 10, true);

    private final int parallelism;
    private final int blockingThreads;
    private final int throughput;
    private final Mailbox defaultMailbox;
    private final Duration shutdownTimeout;
    private final boolean shutdownHook;
    private final int deadLetterLogLimit;
    private final boolean mdc;

    private SystemConfig(int parallelism, int blockingThreads, int throughput, Mailbox defaultMailbox,
                         Duration shutdownTimeout, boolean shutdownHook, int deadLetterLogLimit, boolean mdc) {
        this.parallelism = parallelism;
        this.blockingThreads = blockingThreads;
        this.throughput = throughput;
        this.defaultMailbox = defaultMailbox;
        this.shutdownTimeout = shutdownTimeout;
        this.shutdownHook = shutdownHook;
        this.deadLetterLogLimit = deadLetterLogLimit;
        this.mdc = mdc;
    }

    /** @return the defaults */
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
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, shutdownTimeout,
                shutdownHook, deadLetterLogLimit, mdc);
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
        return new SystemConfig(parallelism, threads, throughput, defaultMailbox, shutdownTimeout,
                shutdownHook, deadLetterLogLimit, mdc);
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
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, shutdownTimeout,
                shutdownHook, deadLetterLogLimit, mdc);
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
        return new SystemConfig(parallelism, blockingThreads, throughput, mailbox, shutdownTimeout,
                shutdownHook, deadLetterLogLimit, mdc);
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
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, timeout,
                shutdownHook, deadLetterLogLimit, mdc);
    }

    /**
     * Whether to register a JVM shutdown hook that shuts the system down (with the shutdown timeout) when
     * the JVM exits. The hook is removed when the system is shut down normally.
     *
     * @param enabled on or off
     * @return a copy
     */
    public SystemConfig withShutdownHook(boolean enabled) {
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, shutdownTimeout,
                enabled, deadLetterLogLimit, mdc);
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
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, shutdownTimeout,
                shutdownHook, perSecond, mdc);
    }

    /**
     * Whether to put the running actor's path in the SLF4J MDC under {@value #MDC_KEY} while its handlers
     * run. Costs a little per dispatch turn.
     *
     * @param enabled on or off
     * @return a copy
     */
    public SystemConfig withMdc(boolean enabled) {
        return new SystemConfig(parallelism, blockingThreads, throughput, defaultMailbox, shutdownTimeout,
                shutdownHook, deadLetterLogLimit, enabled);
    }

    /** @return threads of the default dispatcher */
    public int parallelism() {
        return parallelism;
    }

    /** @return threads of the blocking dispatcher */
    public int blockingThreads() {
        return blockingThreads;
    }

    /** @return the default throughput batch */
    public int throughput() {
        return throughput;
    }

    /** @return the default mailbox */
    public Mailbox defaultMailbox() {
        return defaultMailbox;
    }

    /** @return the deadline used by {@link ActorSystem#close()} */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** @return whether a JVM shutdown hook is registered */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** @return dead letters logged individually per second */
    public int deadLetterLogLimit() {
        return deadLetterLogLimit;
    }

    /** @return whether the actor path is put in the MDC */
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
                + deadLetterLogLimit + ", mdc=" + mdc + "]";
    }
}
