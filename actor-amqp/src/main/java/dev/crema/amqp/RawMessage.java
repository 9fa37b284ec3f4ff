package dev.crema.amqp;

import java.util.Objects;

/**
 * A broker message as it arrived, for dead letters that have no decoded message: an undecodable delivery
 * ({@link dev.crema.actor.DeadLetterReason#UNDECODABLE}), or a message for a reply handle or export that
 * is gone ({@link dev.crema.actor.DeadLetterReason#LATE_REPLY}, {@link dev.crema.actor.DeadLetterReason#STOPPED}).
 *
 * @param queue       the queue it was consumed from
 * @param contentType its content type, or {@code null}
 * @param messageId   its message id, or {@code null}
 * @param body        the body (not copied: do not modify)
 *
 * <p>Immutable as far as the body is left alone; thread-safe.
 */
public record RawMessage(String queue, String contentType, String messageId, byte[] body) {

    /**
     * Creates the description.
     *
     * @param queue       the queue
     * @param contentType the content type, or {@code null}
     * @param messageId   the message id, or {@code null}
     * @param body        the body
     */
    public RawMessage {
        Objects.requireNonNull(queue, "queue must not be null");
        Objects.requireNonNull(body, "body must not be null");
    }

    /** {@return the queue, content type, id, size and the first bytes as text} */
    @Override
    public String toString() {
        int n = Math.min(body.length, 64);
        StringBuilder preview = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (body[i] & 0xff);
            preview.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return "RawMessage[" + queue + ", " + contentType + ", id " + messageId + ", " + body.length + " bytes: "
                + preview + (body.length > n ? "..." : "") + "]";
    }
}
