package dev.crema.actor.supervision;

/**
 * Whether a supervisor stops itself when its significant children finish (OTP's {@code auto_shutdown}).
 * A significant child "finishes" when it stops and is not restarted: a transient child that stops
 * normally, or a temporary child that stops for any reason. Only transient and temporary children may be
 * significant.
 *
 * <p>Immutable and thread-safe.
 */
public enum AutoShutdown {
    /** Never stop because of children (the default). */
    NEVER,
    /** Stop when any significant child finishes. */
    ANY_SIGNIFICANT,
    /** Stop when every significant child has finished. */
    ALL_SIGNIFICANT
}
