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
 * and {@link Decider#stop()}.
 */
public final class SpawnOptions {

    private static final SpawnOptions DEFAULTS = new SpawnOptions(null, Dispatcher.DEFAULT, 0, null);

    private final Mailbox mailbox;
    private final Dispatcher dispatcher;
    private final int throughput;
    private final Decider decider;

    private SpawnOptions(Mailbox mailbox, Dispatcher dispatcher, int throughput, Decider decider) {
        this.mailbox = mailbox;
        this.dispatcher = dispatcher;
        this.throughput = throughput;
        this.decider = decider;
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
        return new SpawnOptions(mailbox, dispatcher, throughput, decider);
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
        return new SpawnOptions(mailbox, dispatcher, throughput, decider);
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
        return new SpawnOptions(mailbox, dispatcher, throughput, decider);
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
        return new SpawnOptions(mailbox, dispatcher, throughput, decider);
    }

    /** @return the mailbox, or {@code null} for the system's default */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** @return the dispatcher */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** @return the throughput, or 0 for the system's default */
    public int throughput() {
        return throughput;
    }

    /** @return the decider, or {@code null} for {@link Decider#stop()} */
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
