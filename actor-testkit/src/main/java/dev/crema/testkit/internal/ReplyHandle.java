package dev.crema.testkit.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one-shot reply address of an ask made under the synchronous harness: the first reply completes the
 * future; a second one, or one after the timeout, is a {@code LATE_REPLY} dead letter, as in the runtime.
 * Thread-safe: the future decides which reply was first.
 *
 * @param <R> the reply type
 */
public final class ReplyHandle<R> implements Addr<R> {

    private final String path;
    private final CompletableFuture<R> future = new CompletableFuture<>();
    private final Consumer<DeadLetter> deadLetters;

    /**
     * Creates a handle.
     *
     * @param path        its path, for dead letters and {@code toString}
     * @param deadLetters where late replies go
     */
    public ReplyHandle(String path, Consumer<DeadLetter> deadLetters) {
        this.path = path;
        this.deadLetters = deadLetters;
    }

    /** {@return the future reply} */
    public CompletableFuture<R> future() {
        return future;
    }

    /**
     * Fails the future with the runtime's timeout exception, if no reply came.
     *
     * @param target      the asked address's path
     * @param requestType the request's class
     * @param timeout     the ask's timeout
     */
    public void timeOut(String target, Class<?> requestType, Duration timeout) {
        future.completeExceptionally(new AskTimeoutException(target, requestType, timeout));
    }

    @Override
    public void tell(R message) {
        Objects.requireNonNull(message, "message must not be null");
        if (!future.complete(message)) {
            deadLetters.accept(new DeadLetter(path, message, DeadLetterReason.LATE_REPLY, null));
        }
    }

    @Override
    public SendResult trySend(R message) {
        Objects.requireNonNull(message, "message must not be null");
        return future.complete(message) ? SendResult.ACCEPTED : SendResult.STOPPED;
    }

    @Override
    public SendResult send(R message, Duration timeout) {
        return trySend(message);
    }

    @Override
    public <Q> CompletableFuture<Q> ask(Function<Addr<Q>, ? extends R> request, Duration timeout) {
        throw new UnsupportedOperationException("a reply handle takes one reply; it cannot be asked (" + path + ")");
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return path;
    }
}
