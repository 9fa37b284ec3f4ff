package dev.crema.actor;

import java.util.Objects;

/**
 * Maps a failure to a {@link Directive}. Given at spawn time ({@link SpawnOptions#withDecider}) and
 * applied by the parent, on the parent's thread, each time the child fails.
 *
 * <pre>{@code
 * Decider decider = Decider.on(IllegalStateException.class, Directive.RESUME)
 *                          .orElse(Decider.restart());
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should be pure functions of the cause; a decider that
 * throws is treated as {@link Directive#STOP} and the error is logged.
 */
@FunctionalInterface
public interface Decider {

    /**
     * Chooses what to do with a failed child.
     *
     * @param cause what the child threw, never {@code null}
     * @return the directive, never {@code null}
     */
    Directive decide(Throwable cause);

    /**
     * The default: stop the failed actor (its cause is logged at ERROR and its watchers are told).
     *
     * @return a decider that always answers {@link Directive#STOP}
     */
    static Decider stop() {
        return cause -> Directive.STOP;
    }

    /**
     * Always restart in place.
     *
     * @return a decider that always answers {@link Directive#RESTART}
     */
    static Decider restart() {
        return cause -> Directive.RESTART;
    }

    /**
     * Always resume with the instance's current state.
     *
     * @return a decider that always answers {@link Directive#RESUME}
     */
    static Decider resume() {
        return cause -> Directive.RESUME;
    }

    /**
     * Always escalate to the parent's parent.
     *
     * @return a decider that always answers {@link Directive#ESCALATE}
     */
    static Decider escalate() {
        return cause -> Directive.ESCALATE;
    }

    /**
     * Answers {@code directive} for causes of the given type (or a subtype) and {@code null} otherwise,
     * meaning "no opinion"; chain with {@link #orElse}.
     *
     * @param type      the exception type to match
     * @param directive the answer for a match
     * @return a partial decider
     */
    static Decider on(Class<? extends Throwable> type, Directive directive) {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(directive, "directive must not be null");
        return cause -> type.isInstance(cause) ? directive : null;
    }

    /**
     * Uses this decider, and {@code fallback} where this one answers {@code null}.
     *
     * @param fallback the decider to ask next
     * @return the combined decider
     */
    default Decider orElse(Decider fallback) {
        Objects.requireNonNull(fallback, "fallback must not be null");
        return cause -> {
            Directive d = decide(cause);
            return d != null ? d : fallback.decide(cause);
        };
    }
}
