package dev.crema.actor;

/**
 * The outcome of offering a message to a mailbox, returned by {@link Addr#trySend} and
 * {@link Addr#send}. Overflow is a value, not an exception: the caller decides what a refusal means.
 *
 * <p>Immutable and thread-safe.
 */
public enum SendResult {
    /** The mailbox took the message; it will be handled, or dead-lettered if the actor stops first. */
    ACCEPTED,
    /** The mailbox was at capacity (for {@link Addr#send}: for the whole timeout). Nothing was queued. */
    FULL,
    /** The actor has stopped or is stopping and takes no new messages. Nothing was queued. */
    STOPPED;

    /**
     * Whether the message was queued.
     *
     * @return {@code true} for {@link #ACCEPTED}
     */
    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
