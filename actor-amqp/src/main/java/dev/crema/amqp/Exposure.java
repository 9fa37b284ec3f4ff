package dev.crema.amqp;

import dev.crema.amqp.internal.Inbound;
import dev.crema.amqp.internal.NodeCore;
import java.util.concurrent.CompletableFuture;

/**
 * A local actor consuming a broker queue, made by {@link AmqpNode#expose}. Closing it cancels the consumer;
 * deliveries that were waiting for room in the mailbox go back to the broker, and the broker requeues
 * anything unacknowledged. It ends by itself when the actor terminates or the broker cancels the
 * consumer (the queue was deleted); {@link #whenEnded()} tells.
 *
 * <pre>{@code
 * try (Exposure jobs = node.expose("hanoi.jobs", engine, JsonCodec.of(Job.class))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; the counters are exact when read after the exposure ended.
 */
public final class Exposure implements AutoCloseable {

    private final NodeCore node;
    private final CompletableFuture<Void> ended;
    private volatile Inbound inbound;

    Exposure(NodeCore node, CompletableFuture<Void> ended) {
        this.node = node;
        this.ended = ended;
    }

    void bind(Inbound in) {
        this.inbound = in;
    }

    /** {@return the queue it consumes} */
    public String queue() {
        return inbound.queue();
    }

    /** {@return the queue's path, e.g. {@code amqp://127.0.0.1:5672/hanoi.jobs}} */
    public String path() {
        return node.brokerAddress() + inbound.queue();
    }

    /** {@return whether it still consumes} */
    public boolean isActive() {
        return inbound.isActive() && !ended.isDone();
    }

    /** {@return completes once it no longer consumes: closed, actor terminated, or cancelled by the broker} */
    public CompletableFuture<Void> whenEnded() {
        return ended;
    }

    /** {@return deliveries the actor's mailbox accepted (and that were therefore acknowledged)} */
    public long accepted() {
        return inbound.accepted();
    }

    /** {@return deliveries acknowledged without delivery because their message id had been accepted already} */
    public long duplicates() {
        return inbound.duplicates();
    }

    /** {@return deliveries rejected as undecodable (each also a dead letter)} */
    public long undecodable() {
        return inbound.undecodable();
    }

    /** {@return deliveries given back to the broker (actor stopped, intake stopped)} */
    public long requeued() {
        return inbound.requeued();
    }

    /** Cancels the consumer and closes its channel; closing twice is harmless. */
    @Override
    public void close() {
        node.unexpose(inbound);
        ended.complete(null);
    }

    @Override
    public String toString() {
        return "Exposure[" + path() + (isActive() ? "" : ", ended") + "]";
    }
}
