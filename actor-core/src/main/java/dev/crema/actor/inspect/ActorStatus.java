package dev.crema.actor.inspect;

/**
 * Where an actor is in its life, as a {@link ActorSnapshot} saw it. Immutable and thread-safe.
 */
public enum ActorStatus {
    /** Spawned; its factory has not run yet. */
    STARTING,
    /** Taking messages. */
    RUNNING,
    /** It threw and waits, suspended, for its parent's decision. */
    FAILED,
    /** Its instance is being replaced (children stopping, or held for a group restart). */
    RESTARTING,
    /** A graceful stop: it handles what it had accepted, and takes nothing new. */
    DRAINING,
    /** Stopping: its children stop, then it terminates. */
    STOPPING,
    /** Gone. */
    TERMINATED
}
