package dev.crema.actor.supervision;

import java.time.Duration;

/**
 * A supervisor gave up: more restarts than its intensity allows happened within its period. It has stopped
 * all its children and fails with this exception (the last child failure is the cause), so that its parent
 * decides in turn.
 *
 * <p>Immutable and thread-safe.
 */
public final class RestartIntensityExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param supervisor the supervisor's path
     * @param intensity  the allowed restarts
     * @param period     the window
     * @param cause      the last child failure, or {@code null} for a normal exit of a permanent child
     */
    public RestartIntensityExceededException(String supervisor, int intensity, Duration period, Throwable cause) {
        super("supervisor " + supervisor + " gave up: more than " + intensity + " restart" + (intensity == 1 ? "" : "s")
                + " within " + period + (cause != null ? "; last failure: " + cause : ""), cause);
    }
}
