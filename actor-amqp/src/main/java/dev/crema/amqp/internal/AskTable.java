package dev.crema.amqp.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.SendResult;
import dev.crema.amqp.Codec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one owner of remote asks: the correlation table (correlation number to reply handle), their
 * timeouts, and every way an ask ends. Nothing else completes an ask's future or touches the table.
 *
 * <p>An ask ends exactly once, by whoever completes its future first: the reply ({@link Reply#trySend}),
 * the timeout (scheduler thread), a publish failure ({@link #fail}: connection thread or writer), or the
 * node's close ({@link #closeAll}). The winner removes the entry and cancels the timeout; a reply that
 * loses is a dead letter {@link DeadLetterReason#LATE_REPLY}. A reply that arrives for a number no longer
 * in the table is a late reply too (its raw form, since the reply's codec went with the entry).
 *
 * <p>The table is a {@link ConcurrentHashMap}; a handle's {@code codec} and {@code requestType} are set
 * by the asking thread before the request is published and read by consumer threads after the broker
 * delivered the reply, so they are volatile.
 */
public final class AskTable {

    private final ConcurrentHashMap<Long, Reply<?>> table = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final DeadLetters deadLetters;
    private final String pathPrefix;
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param timer       runs the timeouts
     * @param deadLetters for late replies
     * @param pathPrefix  the node's path, e.g. {@code amqp://127.0.0.1:5672/crema.node.x.y}
     */
    public AskTable(ScheduledExecutorService timer, DeadLetters deadLetters, String pathPrefix) {
        this.timer = timer;
        this.deadLetters = deadLetters;
        this.pathPrefix = pathPrefix;
    }

    /**
     * Opens an ask: a new reply handle in the table, with its timeout armed.
     *
     * @param target  the asked address's path
     * @param timeout the ask timeout
     * @param <R>     the reply type
     * @return the handle
     */
    public <R> Reply<R> open(String target, Duration timeout) {
        long id = ids.incrementAndGet();
        Reply<R> r = new Reply<>(this, id, target, pathPrefix + "/temp/a" + id);
        table.put(id, r);
        r.timeoutTask = timer.schedule(() -> expire(r, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        return r;
    }

    /**
     * @param id a correlation number
     * @return its open ask, or {@code null}
     */
    public Reply<?> lookup(long id) {
        return table.get(id);
    }

    /**
     * Ends an ask whose request did not reach its queue.
     *
     * @param id     the correlation number
     * @param reason why
     */
    public void fail(long id, DeadLetterReason reason) {
        Reply<?> r = table.get(id);
        if (r != null) {
            r.end(new AskRejectedException(r.target, r.requestType(), reason));
        }
    }

    /** Ends an ask that was never published (the caller throws instead). */
    void abandon(Reply<?> r) {
        table.remove(r.id, r);
        ScheduledFuture<?> t = r.timeoutTask;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void expire(Reply<?> r, Duration timeout) {
        if (r.end(new AskTimeoutException(r.target, r.requestType(), timeout))) {
            timedOut.incrementAndGet();
        }
    }

    /**
     * Ends every open ask with {@link DeadLetterReason#SHUTDOWN}.
     *
     * @return how many were open
     */
    public long closeAll() {
        long n = 0;
        for (Reply<?> r : table.values()) {
            if (r.end(new AskRejectedException(r.target, r.requestType(), DeadLetterReason.SHUTDOWN))) {
                n++;
            }
        }
        return n;
    }

    /** {@return open asks} */
    public int size() {
        return table.size();
    }

    /** {@return asks that timed out} */
    public long timedOut() {
        return timedOut.get();
    }

    /**
     * The reply handle of one remote ask: what the request carries as its reply-to. Sending to it completes
     * the ask; a second or late reply is a dead letter {@link DeadLetterReason#LATE_REPLY}. Exported by the
     * node as {@code <node queue>#a<id>}. Thread-safe.
     *
     * @param <R> the reply type
     */
    public static final class Reply<R> implements Addr<R> {
        private final AskTable owner;
        final long id;
        final String target;
        private final String path;
        private final CompletableFuture<R> future = new CompletableFuture<>();
        private volatile Class<?> requestType = Object.class;
        private volatile Codec<R> codec;
        private volatile ScheduledFuture<?> timeoutTask;

        Reply(AskTable owner, long id, String target, String path) {
            this.owner = owner;
            this.id = id;
            this.target = target;
            this.path = path;
        }

        /** {@return the correlation number} */
        public long id() {
            return id;
        }

        /** {@return the future reply} */
        public CompletableFuture<R> future() {
            return future;
        }

        Class<?> requestType() {
            return requestType;
        }

        void requestType(Class<?> type) {
            this.requestType = type;
        }

        /** {@return the codec of the reply, once the request exported this handle; else {@code null}} */
        public Codec<R> codec() {
            return codec;
        }

        void codec(Codec<R> c) {
            this.codec = c;
        }

        @SuppressWarnings("unchecked")
        private boolean end(Throwable failure) {
            return finish(failure, null);
        }

        private boolean finish(Throwable failure, R value) {
            boolean won = failure != null ? future.completeExceptionally(failure) : future.complete(value);
            if (won) {
                owner.abandon(this);
            }
            return won;
        }

        @Override
        public void tell(R message) {
            if (trySend(message) != SendResult.ACCEPTED) {
                owner.deadLetters.publish(new DeadLetter(path, message, DeadLetterReason.LATE_REPLY, null));
            }
        }

        /** {@return ACCEPTED if this completed the ask, STOPPED if it had ended (the caller dead-letters)} */
        @Override
        public SendResult trySend(R message) {
            Objects.requireNonNull(message, "message must not be null");
            return finish(null, message) ? SendResult.ACCEPTED : SendResult.STOPPED;
        }

        @Override
        public SendResult send(R message, Duration timeout) {
            Names.positive("timeout", timeout);
            return trySend(message);
        }

        /** A reply handle takes replies, not requests: the future fails at once. */
        @Override
        public <X> CompletableFuture<X> ask(Function<Addr<X>, ? extends R> request, Duration timeout) {
            Objects.requireNonNull(request, "request must not be null");
            Names.positive("timeout", timeout);
            return CompletableFuture.failedFuture(new AskRejectedException(path, Object.class, DeadLetterReason.STOPPED));
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
}
