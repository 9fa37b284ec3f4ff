package dev.crema.actor.supervision;

/**
 * Where a supervised child is in its life, as seen by its supervisor.
 *
 * <p>Immutable and thread-safe.
 */
public enum ChildStatus {
    /** Its instance is being built (first start or restart) and has not acknowledged yet. */
    STARTING,
    /** Running. */
    RUNNING,
    /** Failed and waiting to be restarted: torn down, or waiting out a backoff delay. */
    RESTARTING,
    /** Being stopped by its supervisor. */
    STOPPING,
    /** Stopped and kept (a transient child that exited normally, or one terminated on request). */
    STOPPED
}
