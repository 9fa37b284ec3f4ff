package dev.crema.actor.supervision;

/**
 * When a child is restarted (OTP's restart types).
 *
 * <p>Immutable and thread-safe.
 */
public enum RestartType {
    /** Always restarted: after a failure and after it stops by itself. */
    PERMANENT,
    /**
     * Restarted only after an abnormal exit (a failure, or a stop with a cause); a child that stops
     * itself normally stays stopped.
     */
    TRANSIENT,
    /**
     * Never restarted, not even when stopped as a bystander by {@link Strategy#ONE_FOR_ALL} or
     * {@link Strategy#REST_FOR_ONE}; removed from the supervisor when it stops.
     */
    TEMPORARY
}
