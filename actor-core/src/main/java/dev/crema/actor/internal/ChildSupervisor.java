package dev.crema.actor.internal;

/**
 * Implemented by actor instances that supervise their children themselves (the supervision package's
 * supervisor) instead of applying each child's {@link dev.crema.actor.Decider}. Every method is called on
 * the parent's own thread, from its system-message handling, and must not block.
 */
public interface ChildSupervisor {

    /** Stop timeout meaning "wait as long as it takes" (OTP's {@code infinity}). */
    long WAIT_FOREVER = Long.MAX_VALUE;

    /**
     * A child failed and is suspended until told what to do.
     *
     * @param child the failed child
     * @param cause   what it threw
     * @param message the message it failed on, or null
     */
    void childFailed(ActorCell<?> child, Throwable cause, Object message);

    /**
     * A child has terminated and has been removed from the children list.
     *
     * @param child the child
     */
    void childTerminated(ActorCell<?> child);

    /**
     * A child spawned or restarted with start acknowledgements has built and started its instance.
     *
     * @param child the child
     */
    void childStarted(ActorCell<?> child);

    /**
     * A child told to restart with hold has torn its old instance down and waits for recreate.
     *
     * @param child the child
     */
    void childHeld(ActorCell<?> child);

    /**
     * How long a child may take to stop gracefully before it is stopped at once, when the runtime stops
     * it (the parent stopping or restarting).
     *
     * @param child the child
     * @return nanoseconds; 0 to stop it at once; {@link #WAIT_FOREVER} to wait without limit
     */
    long stopTimeoutNanos(ActorCell<?> child);
}
