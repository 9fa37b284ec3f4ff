package dev.crema.actor;

import java.util.Objects;

/**
 * How to spawn an actor: its mailbox, its dispatcher, its throughput batch and how its parent handles
 * its failures. Immutable; each {@code withX} returns a copy, so options can be kept in constants.
 *
 * <pre>{@code
 * static final SpawnOptions WORKER = SpawnOptions.defaults()
 *         .withMailbox(Mailbox.bounded(100))
 *         .withDecider(Decider.restart());
 * }</pre>
 *
 * <p>Defaults: the system's default mailbox ({@link SystemConfig#withDefaultMailbox}), the
 * {@link Dispatcher#DEFAULT} dispatcher, the system's throughput ({@link SystemConfig#withThroughput}),
 * {@link Decider#stop()}, and no {@link Interceptor}.
 *
 * <p>Thread-safe.
 */
public final class SpawnOptions {

    private static final SpawnOptions DEFAULTS = new SpawnOptions(new Builder());

    private final Mailbox mailbox;
    private final Dispatcher dispatcher;
    private final int throughput;
    private final Decider decider;
    private final Interceptor interceptor;

    private SpawnOptions(Builder b) {
        this.mailbox = b.mailbox;
        this.dispatcher = b.dispatcher;
        this.throughput = b.throughput;
        this.decider = b.decider;
        this.interceptor = b.interceptor;
    }

    /** The mutable twin used by the {@code withX} methods: copy, change one field, freeze. */
    private static final class Builder {
        Mailbox mailbox;
        Dispatcher dispatcher = Dispatcher.DEFAULT;
        int throughput;
        Decider decider;
        Interceptor interceptor;

        Builder() {
        }

        Builder(SpawnOptions o) {
            mailbox = o.mailbox;
            dispatcher = o.dispatcher;
            throughput = o.throughput;
            decider = o.decider;
            interceptor = o.interceptor;
        }
    }

    private SpawnOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return new SpawnOptions(b);
    }

    /**
     * The defaults.
     *
     * @return options with every setting at its default
     */
    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sets the mailbox.
     *
     * @param mailbox e.g. {@link Mailbox#bounded(int)}
     * @return a copy with this mailbox
     * @throws NullPointerException if {@code mailbox} is {@code null}
     */
    public SpawnOptions withMailbox(Mailbox mailbox) {
        Objects.requireNonNull(mailbox, "mailbox must not be null");
        return with(b -> b.mailbox = mailbox);
    }

    /**
     * Sets the dispatcher.
     *
     * @param dispatcher e.g. {@link Dispatcher#BLOCKING}
     * @return a copy with this dispatcher
     * @throws NullPointerException if {@code dispatcher} is {@code null}
     */
    public SpawnOptions withDispatcher(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher must not be null");
        return with(b -> b.dispatcher = dispatcher);
    }

    /**
     * Sets how many user messages the actor handles per turn on a thread before yielding it to other
     * actors: higher is faster for a busy actor, lower is fairer.
     *
     * @param throughput at least 1
     * @return a copy with this throughput
     * @throws IllegalArgumentException if {@code throughput} is less than 1
     */
    public SpawnOptions withThroughput(int throughput) {
        if (throughput < 1) {
            throw new IllegalArgumentException("throughput must be at least 1, got " + throughput);
        }
        return with(b -> b.throughput = throughput);
    }

    /**
     * Sets how the parent handles this actor's failures.
     *
     * @param decider maps each failure to a {@link Directive}
     * @return a copy with this decider
     * @throws NullPointerException if {@code decider} is {@code null}
     */
    public SpawnOptions withDecider(Decider decider) {
        Objects.requireNonNull(decider, "decider must not be null");
        return with(b -> b.decider = decider);
    }

    /**
     * Wraps every message the actor handles (see {@link Interceptor}).
     *
     * @param interceptor the middleware
     * @return a copy with this interceptor
     * @throws NullPointerException if {@code interceptor} is {@code null}
     */
    public SpawnOptions withInterceptor(Interceptor interceptor) {
        Objects.requireNonNull(interceptor, "interceptor must not be null");
        return with(b -> b.interceptor = interceptor);
    }

    /** {@return the interceptor, or {@code null} for none} */
    public Interceptor interceptor() {
        return interceptor;
    }

    /** {@return the mailbox, or {@code null} for the system's default} */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** {@return the dispatcher} */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** {@return the throughput, or 0 for the system's default} */
    public int throughput() {
        return throughput;
    }

    /** {@return the decider, or {@code null} for {@link Decider#stop()}} */
    public Decider decider() {
        return decider;
    }

    @Override
    public String toString() {
        return "SpawnOptions[mailbox=" + (mailbox == null ? "default" : mailbox) + ", dispatcher="
                + dispatcher.name() + ", throughput=" + (throughput == 0 ? "default" : throughput)
                + ", decider=" + (decider == null ? "stop" : decider) + "]";
    }
}
