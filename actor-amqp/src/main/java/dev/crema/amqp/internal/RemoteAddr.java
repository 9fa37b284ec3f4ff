package dev.crema.amqp.internal;

import com.rabbitmq.client.AMQP;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.actor.Terminated;
import dev.crema.actor.WatchableAddr;
import dev.crema.amqp.Codec;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An address in another process, reached through a broker queue (and, for an exported address, the export
 * id of that process's node queue). Sends take a permit of the node's publish window first, so
 * backpressure is the window's: {@code trySend} says FULL when it is full, {@code send} waits for room,
 * {@code tell} dead-letters, {@code ask} fails at once. Immutable and thread-safe.
 *
 * @param <M> the message type
 */
public final class RemoteAddr<M> implements WatchableAddr<M> {

    /** The header naming the export a message on a node queue is for. */
    public static final String EXPORT_HEADER = "crema-to";

    private final NodeCore node;
    private final String queue;
    private final String exportId;
    private final Codec<M> codec;
    private final String path;
    private final Map<String, Object> headers;

    RemoteAddr(NodeCore node, String queue, String exportId, Codec<M> codec) {
        this.node = node;
        this.queue = queue;
        this.exportId = exportId;
        this.codec = codec;
        this.path = node.brokerAddress() + queue + (exportId == null ? "" : "#" + exportId);
        this.headers = exportId == null ? null : Map.of(EXPORT_HEADER, exportId);
    }

    /** {@return the reference other processes resolve: {@code queue} or {@code queue#export}} */
    String reference() {
        return exportId == null ? queue : queue + "#" + exportId;
    }

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        Publisher p = node.publisher();
        if (p.isStopping()) {
            node.deadLetter(new DeadLetter(path, message, DeadLetterReason.SHUTDOWN, null));
        } else if (!p.tryAcquire()) {
            node.deadLetter(new DeadLetter(path, message, node.isUp() ? DeadLetterReason.MAILBOX_FULL
                    : DeadLetterReason.CONNECTION_LOST, null));
        } else {
            publish(message, 0, p);
        }
    }

    @Override
    public SendResult trySend(M message) {
        Objects.requireNonNull(message, "message must not be null");
        Publisher p = node.publisher();
        if (p.isStopping()) {
            return SendResult.STOPPED;
        }
        if (!p.tryAcquire()) {
            return SendResult.FULL;
        }
        publish(message, 0, p);
        return SendResult.ACCEPTED;
    }

    @Override
    public SendResult send(M message, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(message, "message must not be null");
        Names.positive("timeout", timeout);
        Publisher p = node.publisher();
        if (p.isStopping()) {
            return SendResult.STOPPED;
        }
        if (!p.acquire(timeout)) {
            return SendResult.FULL;
        }
        publish(message, 0, p);
        return SendResult.ACCEPTED;
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout) {
        Objects.requireNonNull(request, "request must not be null");
        Names.positive("timeout", timeout);
        AskTable asks = node.asks();
        AskTable.Reply<R> reply = asks.open(path, timeout);
        M req;
        try {
            req = Objects.requireNonNull(request.apply(reply), "the request built for an ask must not be null");
        } catch (RuntimeException e) {
            asks.abandon(reply);
            throw e;
        }
        reply.requestType(req.getClass());
        Publisher p = node.publisher();
        if (p.isStopping()) {
            asks.fail(reply.id, DeadLetterReason.SHUTDOWN);
        } else if (!p.tryAcquire()) {
            asks.fail(reply.id, node.isUp() ? DeadLetterReason.MAILBOX_FULL : DeadLetterReason.CONNECTION_LOST);
        } else {
            try {
                publish(req, reply.id, p);
            } catch (RuntimeException e) {
                asks.abandon(reply);
                throw e;
            }
        }
        return reply.future();
    }

    /** Encodes and enqueues; the caller holds a window permit, given back if encoding fails. */
    private void publish(M message, long askId, Publisher p) {
        byte[] body;
        try {
            body = codec.encode(message, node);
        } catch (Exception e) {
            p.release();
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName() + " for " + path
                    + " with " + codec + ": " + e.getMessage(), e);
        }
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder()
                .contentType(codec.contentType())
                .deliveryMode(node.persistent() ? 2 : 1)
                .messageId(node.nextMessageId())
                .headers(headers);
        if (askId != 0) {
            b.replyTo(node.nodeQueue()).correlationId("a" + askId);
        }
        p.enqueue(new Outgoing(queue, b.build(), body, path, message, askId));
    }

    /**
     * Completes when the broker says the queue is gone (checked every watch interval). It cannot tell
     * that a consumer went away while its queue remains, nor that an exported actor stopped while its
     * process lives on (messages to it then become dead letters there).
     */
    @Override
    public CompletableFuture<Terminated> whenTerminated() {
        return node.watch().watch(this, queue);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteAddr<?> r && r.node == node && r.queue.equals(queue)
                && Objects.equals(r.exportId, exportId);
    }

    @Override
    public int hashCode() {
        return queue.hashCode() * 31 + Objects.hashCode(exportId);
    }

    @Override
    public String toString() {
        return path;
    }

}
