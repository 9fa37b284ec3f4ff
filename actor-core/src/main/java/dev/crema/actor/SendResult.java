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
    /**
     * The actor has stopped, or a stop of it has been asked for, and takes no new messages. Nothing was queued.
     * The mailbox closes the moment a stop is asked for ({@link ActorContext#stop(Addr)},
     * {@link ActorSystem#stop}, a supervisor, the shutdown reaching the actor), or, for a stop the actor asks
     * of itself ({@link ActorContext#stop()}), when its current message is done; messages accepted before
     * are still handled (a draining stop) or dead-lettered.
     */
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
