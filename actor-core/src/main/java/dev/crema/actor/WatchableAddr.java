package dev.crema.actor;

import java.util.concurrent.CompletableFuture;

/**
 * An {@link Addr} implemented outside the local runtime (an actor in another process, reached through a
 * transport) whose end can be observed, so that {@link ActorContext#watch} and
 * {@link ActorSystem#whenTerminated} accept it like a local actor.
 *
 * <p>The future completes when the implementation learns that the actor behind the address has stopped
 * (for a broker transport: its consumer was cancelled or its queue deleted). An implementation that cannot
 * tell in some case must say so in its documentation; the future then never completes in that case. The
 * same future is returned on every call.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <M> the type of messages the actor accepts
 */
public interface WatchableAddr<M> extends Addr<M> {

    /**
     * Completes with the notice once the actor is known to have stopped; never completes exceptionally.
     *
     * @return the future notice, the same one on every call
     */
    CompletableFuture<Terminated> whenTerminated();
}
