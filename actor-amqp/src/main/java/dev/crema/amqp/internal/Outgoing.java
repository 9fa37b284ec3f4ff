package dev.crema.amqp.internal;

import com.rabbitmq.client.AMQP;

/**
 * One accepted publish, from the moment a window permit was taken until its outcome: confirmed, refused,
 * returned, or given up. Holds the message object only so that a failure can be dead-lettered with it.
 *
 * <p>Fields are final except {@code returned}, which the connection thread sets on a basic.return before
 * the confirm of the same publish arrives on the same thread (volatile only because the writer thread may
 * re-send it after an outage).
 */
final class Outgoing {
    final String routingKey;
    final AMQP.BasicProperties props;
    final byte[] body;
    final String recipient;
    final Object message;
    /** The ask's correlation number, or 0 for a tell. */
    final long askId;
    final long acceptedNanos;
    volatile boolean returned;

    Outgoing(String routingKey, AMQP.BasicProperties props, byte[] body, String recipient, Object message,
             long askId) {
        this.routingKey = routingKey;
        this.props = props;
        this.body = body;
        this.recipient = recipient;
        this.message = message;
        this.askId = askId;
        this.acceptedNanos = System.nanoTime();
    }
}
