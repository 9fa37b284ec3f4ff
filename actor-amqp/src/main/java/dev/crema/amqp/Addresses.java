package dev.crema.amqp;

import dev.crema.actor.Addr;

/**
 * What a {@link Codec} uses to carry an {@link Addr} inside a message: {@link #export} turns an address
 * into a reference string, {@link #resolve} turns a reference back into an address that routes to it.
 * Given to codecs by the {@link AmqpNode} that sends or receives the message.
 *
 * <p>A reference names a queue, and for an address that is not a queue of its own, the node queue of the
 * process it lives in plus an export id: {@code crema.node.engine.k3v9#e12}. A local actor is exported
 * until it terminates; an ask's reply handle until the ask completes; any other local handle (a reply
 * handle of a local {@code ask}) for {@link AmqpSettings#temporaryExportExpiry()} or its first message,
 * whichever comes first. References carry no credentials and no broker address: both sides use the same
 * broker.
 *
 * <pre>{@code
 * String ref = addresses.export(order.replyTo(), receiptCodec);            // encode
 * Addr<Receipt> replyTo = addresses.resolve(ref, receiptCodec);            // decode
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface Addresses {

    /**
     * A reference to {@code addr} that another process can {@link #resolve}.
     *
     * @param addr  a local actor, an ask reply handle or a remote address
     * @param codec how messages sent to the address are encoded and decoded
     * @param <T>   the address's message type
     * @return the reference
     * @throws NullPointerException if an argument is {@code null}
     */
    <T> String export(Addr<T> addr, Codec<T> codec);

    /**
     * The address a reference names: the local actor or reply handle itself when it names this process,
     * otherwise a remote address.
     *
     * @param reference a reference made by {@link #export}, or a plain queue name
     * @param codec     how messages sent to the address are encoded
     * @param <T>       the address's message type
     * @return the address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if the reference is malformed
     */
    <T> Addr<T> resolve(String reference, Codec<T> codec);
}
