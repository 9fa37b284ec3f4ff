package dev.crema.testkit;

import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The address of the actor under an {@link ActorHarness}. Sent to from the harness's thread outside a
 * handler, the message is handled before the call returns; from a handler, or from another thread, it waits
 * in the mailbox for the harness's next turn. Thread-safe.
 *
 * @param <M> the actor's message type
 */
final class SelfAddr<M> implements Addr<M> {

    private final HarnessEngine<M> engine;

    SelfAddr(HarnessEngine<M> engine) {
        this.engine = engine;
    }

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        engine.send(message);
    }

    @Override
    public SendResult trySend(M message) {
        Objects.requireNonNull(message, "message must not be null");
        if (engine.isStopped()) {
            return SendResult.STOPPED;
        }
        engine.send(message);
        return SendResult.ACCEPTED;
    }

    @Override
    public SendResult send(M message, Duration timeout) {
        return trySend(message);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout) {
        return engine.ask(engine.path, request, timeout, (M m) -> {
            if (!trySend(m).isAccepted()) {
                throw new AskRejectedException(engine.path, m.getClass(), DeadLetterReason.STOPPED);
            }
        });
    }

    @Override
    public String path() {
        return engine.path;
    }

    @Override
    public String toString() {
        return engine.path;
    }
}
