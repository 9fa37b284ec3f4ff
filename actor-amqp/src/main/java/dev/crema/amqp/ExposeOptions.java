package dev.crema.amqp;

import dev.crema.amqp.internal.Names;

/**
 * How {@link AmqpNode#expose} consumes a queue for a local actor. Immutable; every {@code withX} returns
 * a copy.
 *
 * <pre>{@code
 * node.expose("hanoi.jobs", engine, JsonCodec.of(Job.class), ExposeOptions.defaults().withPrefetch(16));
 * }</pre>
 *
 * <ul>
 *   <li><b>prefetch</b> (default {@value #DEFAULT_PREFETCH}): how many messages the broker hands over
 *       before they are acknowledged. Keep it at most the actor's mailbox capacity, so that the broker's
 *       credit, not the mailbox, is what says "wait": a message is acknowledged once the mailbox accepted
 *       it, so at most {@code prefetch} messages wait outside the mailbox.</li>
 *   <li><b>declare</b> (default {@code true}): declare the queue (durable, not exclusive, not auto-deleted,
 *       or as {@link #withDurable}/{@link #withAutoDelete} say) before consuming; {@code false} consumes
 *       a queue that must already exist.</li>
 *   <li><b>dedupWindow</b> (default {@value #DEFAULT_DEDUP_WINDOW}): how many recently accepted message
 *       ids are remembered, so that a message the broker or a sender delivers again after a lost
 *       connection is acknowledged and not handed to the actor twice.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExposeOptions {

    /** The default prefetch. */
    public static final int DEFAULT_PREFETCH = 64;
    /** The default number of remembered message ids. */
    public static final int DEFAULT_DEDUP_WINDOW = 8192;

    private static final ExposeOptions DEFAULTS = new ExposeOptions(DEFAULT_PREFETCH, true, true, false,
            DEFAULT_DEDUP_WINDOW);

    private final int prefetch;
    private final boolean declare;
    private final boolean durable;
    private final boolean autoDelete;
    private final int dedupWindow;

    private ExposeOptions(int prefetch, boolean declare, boolean durable, boolean autoDelete, int dedupWindow) {
        this.prefetch = prefetch;
        this.declare = declare;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.dedupWindow = dedupWindow;
    }

    /** {@return prefetch 64, declare a durable queue, remember 8192 ids} */
    public static ExposeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with the prefetch changed.
     *
     * @param prefetch unacknowledged messages at most, 1 to 65 535; at most the actor's mailbox capacity
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public ExposeOptions withPrefetch(int prefetch) {
        Names.requireRange("prefetch", prefetch, 1, 65_535);
        return new ExposeOptions(prefetch, declare, durable, autoDelete, dedupWindow);
    }

    /**
     * A copy with the declare changed.
     *
     * @param declare whether to declare the queue before consuming
     * @return a copy
     */
    public ExposeOptions withDeclare(boolean declare) {
        return new ExposeOptions(prefetch, declare, durable, autoDelete, dedupWindow);
    }

    /**
     * A copy with the durable changed.
     *
     * @param durable whether a declared queue survives a broker restart
     * @return a copy
     */
    public ExposeOptions withDurable(boolean durable) {
        return new ExposeOptions(prefetch, declare, durable, autoDelete, dedupWindow);
    }

    /**
     * A copy with the auto delete changed.
     *
     * @param autoDelete whether the broker deletes a declared queue when its last consumer goes
     * @return a copy
     */
    public ExposeOptions withAutoDelete(boolean autoDelete) {
        return new ExposeOptions(prefetch, declare, durable, autoDelete, dedupWindow);
    }

    /**
     * A copy with the dedup window changed.
     *
     * @param ids recently accepted message ids to remember, 0 (no deduplication) to 1 000 000
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public ExposeOptions withDedupWindow(int ids) {
        Names.requireRange("dedup window", ids, 0, 1_000_000);
        return new ExposeOptions(prefetch, declare, durable, autoDelete, ids);
    }

    /** {@return the prefetch} */
    public int prefetch() {
        return prefetch;
    }

    /** {@return whether the queue is declared} */
    public boolean declare() {
        return declare;
    }

    /** {@return whether a declared queue is durable} */
    public boolean durable() {
        return durable;
    }

    /** {@return whether a declared queue is auto-deleted} */
    public boolean autoDelete() {
        return autoDelete;
    }

    /** {@return the number of remembered message ids} */
    public int dedupWindow() {
        return dedupWindow;
    }

    @Override
    public String toString() {
        return "ExposeOptions[prefetch " + prefetch + (declare ? ", declare " + (durable ? "durable" : "transient")
                + (autoDelete ? " auto-delete" : "") : ", no declare") + ", dedup " + dedupWindow + "]";
    }
}
