package dev.crema.actor;

/**
 * Builds a fresh actor instance. Called once when the actor is spawned and again on every restart, on
 * the actor's own thread, so a restart always starts from clean state.
 *
 * <pre>{@code
 * system.spawn("barista", Barista::new);                 // Barista(ActorContext<Order> ctx)
 * system.spawn("printer", ctx -> msg -> log.info("{}", msg));
 * }</pre>
 *
 * <p>The context handed in belongs to the new actor and may be kept in a field; it must only be used
 * from the actor's own thread (see {@link ActorContext}). A factory that throws is a failure to start,
 * handled by the parent like any other failure.
 *
 * @param <M> the type of messages the actor accepts
 */
@FunctionalInterface
public interface ActorFactory<M> {

    /**
     * Builds the actor.
     *
     * @param context the new actor's context
     * @return the actor, never {@code null}
     * @throws Exception a failure to start
     */
    Actor<M> create(ActorContext<M> context) throws Exception;
}
