package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one-shot reply handle of an {@link Addr#ask}: an {@link Addr} that completes a future. No actor,
 * no mailbox, no registration: one object plus the future and the timeout task.
 *
 * <h2>Concurrency</h2>
 * Any thread may reply. The future decides the race: the first completion (reply, timeout or system
 * shutdown) wins; a reply that loses goes to dead letters as {@link DeadLetterReason#LATE_REPLY}.
 * {@code timeoutTask} is written by the asking thread after the request was accepted and read by the
 * replying thread only to cancel it; a reply that reads null simply leaves the task to fire into an
 * already-completed future, which does nothing.
 */
final class AskPromise<R> implements Addr<R>, Runnable, Timeline.ShutdownAware {

    private final SystemRuntime runtime;
    private final Addr<?> target;
    private final Duration timeout;
    private final CompletableFuture<R> future = new AskFuture<>();
    private Class<?> requestType = Object.class;
    private volatile Timeline.Timer timeoutTask;

    AskPromise(SystemRuntime runtime, Addr<?> target, Duration timeout) {
        this.runtime = runtime;
        this.target = target;
        this.timeout = timeout;
    }

    CompletableFuture<R> future() {
        return future;
    }

    /** Asking thread: records the outcome of the send and arms the timeout if it was accepted. */
    void start(Class<?> type, SendResult sent, long timeoutNanos) {
        this.requestType = type;
        if (sent != SendResult.ACCEPTED) {
            DeadLetterReason reason = sent == SendResult.FULL ? DeadLetterReason.MAILBOX_FULL
                    : runtime.isShuttingDown() ? DeadLetterReason.SHUTDOWN : DeadLetterReason.STOPPED;
            future.completeExceptionally(new AskRejectedException(target.path(), type, reason));
            return;
        }
        if (!future.isDone()) {
            Timeline.Timer task = runtime.asks().schedule(this, timeoutNanos);
            timeoutTask = task;
            if (future.isDone()) {
                task.cancel();
            }
        }
    }

    /** The timeout fired (the ask-timeout thread). */
    @Override
    public void run() {
        future.completeExceptionally(new AskTimeoutException(target.path(), requestType, timeout));
    }

    @Override
    public void onSystemShutdown() {
        future.completeExceptionally(new AskRejectedException(target.path(), requestType, DeadLetterReason.SHUTDOWN));
    }

    // ---------------------------------------------------------------- Addr: the reply side

    @Override
    public void tell(R reply) {
        Objects.requireNonNull(reply, "message must not be null");
        if (!complete(reply)) {
            runtime.deadLetters().publish(path(), reply, DeadLetterReason.LATE_REPLY, null);
        }
    }

    @Override
    public SendResult trySend(R reply) {
        Objects.requireNonNull(reply, "message must not be null");
        return complete(reply) ? SendResult.ACCEPTED : SendResult.STOPPED;
    }

    @Override
    public SendResult send(R reply, Duration timeout) {
        Checks.positiveNanos(timeout, "send timeout");
        return trySend(reply);
    }

    @Override
    public <X> CompletableFuture<X> ask(Function<Addr<X>, ? extends R> request, Duration timeout) {
        Objects.requireNonNull(request, "request function must not be null");
        long nanos = Checks.positiveNanos(timeout, "ask timeout");
        AskPromise<X> inner = new AskPromise<>(runtime, this, timeout);
        R message = Objects.requireNonNull(request.apply(inner), "the ask request function returned null");
        inner.start(message.getClass(), trySend(message), nanos);
        return inner.future();
    }

    private boolean complete(R reply) {
        if (!future.complete(reply)) {
            return false;
        }
        Timeline.Timer task = timeoutTask;
        if (task != null) {
            task.cancel();
        }
        return true;
    }

    @Override
    public String path() {
        return runtime.tempPath() + "/ask(" + target.path() + ")";
    }

    @Override
    public String toString() {
        return path();
    }
}
