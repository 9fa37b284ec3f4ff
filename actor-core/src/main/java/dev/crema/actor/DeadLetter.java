package dev.crema.actor;

import java.util.Objects;

/**
 * A message that could not be delivered, with the reason and, for {@link DeadLetterReason#FAILED}, the
 * cause. Published to {@link DeadLetters} subscribers.
 *
 * @param recipient the path of the intended recipient
 * @param message   the message
 * @param reason    why it was not delivered
 * @param cause     the failure, for {@link DeadLetterReason#FAILED}; otherwise {@code null}
 *
 * <p>Immutable and thread-safe (the message it carries is whatever the sender sent).
 */
public record DeadLetter(String recipient, Object message, DeadLetterReason reason, Throwable cause) {

    /**
     * Creates a dead letter.
     *
     * @param recipient the path of the intended recipient
     * @param message   the message
     * @param reason    why it was not delivered
     * @param cause     the failure, or {@code null}
     */
    public DeadLetter {
        Objects.requireNonNull(recipient, "recipient must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason + " to " + recipient + ": " + message
                + (cause != null ? " (" + cause + ")" : "") + "]";
    }
}
