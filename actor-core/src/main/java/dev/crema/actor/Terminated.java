package dev.crema.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * The notice that a watched actor has stopped (see {@link ActorContext#watch}).
 *
 * @param actor   the actor that stopped
 * @param failure the failure that stopped it, or {@code null} for a normal stop
 *
 * <p>Immutable and thread-safe.
 */
public record Terminated(Addr<?> actor, Throwable failure) {

    /**
     * Creates the notice.
     *
     * @param actor   the actor that stopped
     * @param failure the failure that stopped it, or {@code null} for a normal stop
     */
    public Terminated {
        Objects.requireNonNull(actor, "actor must not be null");
    }

    /**
     * The failure that stopped the actor, if it failed.
     *
     * @return the cause, or empty for a normal stop
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(failure);
    }

    /**
     * Whether the actor stopped because it failed.
     *
     * @return {@code true} if it failed
     */
    public boolean isFailure() {
        return failure != null;
    }
}
