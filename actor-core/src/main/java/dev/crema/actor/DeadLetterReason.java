package dev.crema.actor;

/**
 * Why a message could not be delivered. Every dead letter carries one and is counted under it.
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
    FAILED
}
