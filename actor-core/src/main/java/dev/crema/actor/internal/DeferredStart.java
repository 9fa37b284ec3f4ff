package dev.crema.actor.internal;

/**
 * Marks an actor instance whose start is not complete when its constructor and {@code preStart} return
 * (a supervisor starting its children one by one). For such an actor the cell does not acknowledge the
 * start to its parent; the instance calls {@link ActorCell#ackStarted()} itself when it is ready, or
 * fails its cell if it cannot start.
 */
public interface DeferredStart {
}
