package dev.crema.actor.internal;

/**
 * Implemented by actor instances that supervise their children themselves (the supervision module's
 * supervisor) instead of applying each child's {@link dev.crema.actor.Decider}. Called on the parent's
 * own thread, from its system-message handling.
 */
public interface ChildSupervisor {

    /**
     * A child failed and is suspended until told what to do.
     *
     * @param child the failed child
     * @param cause what it threw
     */
    void childFailed(ActorCell<?> child, Throwable cause);

    /**
     * A child has terminated and has been removed from the children list.
     *
     * @param child the child
     */
    void childTerminated(ActorCell<?> child);
}
