package dev.crema.actor;

/**
 * Why a message could not be delivered. Every dead letter carries one and is counted under it.
 *
 * <p>The first five are produced by the local runtime. The last four are produced by transports that
 * carry messages to and from other processes (the {@code actor-amqp} module, say) through
 * {@link DeadLetters#publish(DeadLetter)}; {@link #isTransport()} tells them apart.
 *
 * <p>Immutable and thread-safe.
 */
public enum DeadLetterReason {
    /** {@link Addr#tell} found the mailbox at capacity. */
    MAILBOX_FULL,
    /** The actor had stopped (or was stopping) before it could handle the message. */
    STOPPED,
    /** The actor system was shutting down: sent to a stopped actor, or left in a mailbox at the deadline. */
    SHUTDOWN,
    /** A reply to an {@link Addr#ask} that had already completed (a second reply, or after the timeout). */
    LATE_REPLY,
    /** The actor threw while handling this message; the dead letter carries the cause. */
    FAILED,
    /**
     * A message from another process could not be turned into a message of this one: malformed bytes, an
     * unknown content type, or a type that is not on the codec's allow-list. The dead letter carries the
     * cause; the message is the raw payload as the transport describes it.
     */
    UNDECODABLE,
    /** The transport's broker could route the message to no queue (nobody consumes that address). */
    UNROUTABLE,
    /** The transport's broker refused the message (a negative publisher confirm, a full queue). */
    REFUSED_BY_BROKER,
    /**
     * The connection to the transport's broker was lost, or could not be made in time, before the message
     * was confirmed; it may or may not have arrived.
     */
    CONNECTION_LOST;

    /**
     * Whether this reason comes from a transport to another process rather than from the local runtime.
     *
     * @return {@code true} for {@link #UNDECODABLE}, {@link #UNROUTABLE}, {@link #REFUSED_BY_BROKER} and
     *         {@link #CONNECTION_LOST}
     */
    public boolean isTransport() {
        return ordinal() >= UNDECODABLE.ordinal();
    }
}
