package dev.crema.actor.internal;

/**
 * Someone to tell when a watched actor terminates: another actor (which gets a system message) or a
 * future completed for a caller outside the system. Called on the terminating actor's thread, or on the
 * sender's thread if the target had already terminated; implementations must be quick and must not throw.
 */
interface Watcher {

    /**
     * The watched actor has terminated.
     *
     * @param target the actor
     * @param cause  its failure, or null for a normal stop
     */
    void targetTerminated(ActorCell<?> target, Throwable cause);
}
