package dev.crema.actor;

/**
 * What a parent does with a child that failed. While the parent decides, the child is suspended: it
 * handles no user messages, and the messages sent to it wait in its mailbox.
 *
 * <p>Immutable and thread-safe.
 */
public enum Directive {
    /** Keep the instance and its state; continue with the next message. */
    RESUME,
    /**
     * Replace the instance with a fresh one from the factory, in place: the {@link Addr}, the mailbox,
     * the queued messages and the registered names are kept; children and timers are not.
     */
    RESTART,
    /** Stop the child; the messages still in its mailbox go to dead letters. Its watchers see the cause. */
    STOP,
    /**
     * Fail the parent with the same cause, so that the grandparent decides. Above top-level actors the
     * system's failure handler decides.
     */
    ESCALATE
}
