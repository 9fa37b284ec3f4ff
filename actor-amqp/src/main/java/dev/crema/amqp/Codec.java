package dev.crema.amqp;

/**
 * Turns messages of one type into bytes and back, for the broker. {@link JsonCodec} is the ready-made
 * one; implement this interface to bring your own (Protocol Buffers, say). Java serialization is never
 * used by Crema, and a codec should not use it either: decoding must only ever build types the codec
 * allows.
 *
 * <pre>{@code
 * Codec<String> text = new Codec<>() {
 *     public String contentType() { return "text/plain"; }
 *     public byte[] encode(String m, Addresses a) { return m.getBytes(StandardCharsets.UTF_8); }
 *     public String decode(byte[] body, Addresses a) { return new String(body, StandardCharsets.UTF_8); }
 * };
 * }</pre>
 *
 * <p>A message that carries an {@link dev.crema.actor.Addr} (a reply-to, a subscriber) encodes it with
 * {@link Addresses#export} and decodes it with {@link Addresses#resolve}, so that it works from the other
 * side.
 *
 * <p>Implementations must be thread-safe: encode runs on the sending thread, decode on the broker
 * client's consumer threads. Whatever {@link #decode} throws makes the message a dead letter with reason
 * {@link dev.crema.actor.DeadLetterReason#UNDECODABLE} and the exception as its cause; whatever
 * {@link #encode} throws reaches the sender as an {@link IllegalArgumentException}.
 *
 * @param <M> the message type
 */
public interface Codec<M> {

    /**
     * The content type written on every message and checked on every delivery, e.g.
     * {@code application/json}.
     *
     * @return the content type, not blank
     */
    String contentType();

    /**
     * Encodes a message.
     *
     * @param message   the message, never {@code null}
     * @param addresses turns addresses inside the message into references
     * @return the body
     * @throws Exception if the message cannot be encoded
     */
    byte[] encode(M message, Addresses addresses) throws Exception;

    /**
     * Decodes a message; must build only types this codec allows.
     *
     * @param body      the body
     * @param addresses turns references inside the message into addresses
     * @return the message, not {@code null}
     * @throws Exception if the bytes are not a message of this codec
     */
    M decode(byte[] body, Addresses addresses) throws Exception;
}
