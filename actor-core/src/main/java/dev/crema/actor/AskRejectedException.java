package dev.crema.actor;

import java.util.Objects;

/**
 * An {@link Addr#ask} whose request was not taken, or whose reply can no longer come for a reason other
 * than its timeout. {@link #reason()} says which:
 * <ul>
 *   <li>{@link DeadLetterReason#MAILBOX_FULL}: the target's mailbox was full; the future fails at once;</li>
 *   <li>{@link DeadLetterReason#STOPPED}: the target had stopped; the future fails at once;</li>
 *   <li>{@link DeadLetterReason#SHUTDOWN}: the actor system was shutting down, when the request was sent or
 *       while the reply was awaited (pending asks fail with this when the shutdown ends);</li>
 *   <li>a transport reason ({@link DeadLetterReason#isTransport()}): an address of another process could not
 *       carry the request (its connection was lost, its broker refused or could not route it).</li>
 * </ul>
 * It carries no stack trace: it is an outcome, not a bug, and asks can fail in large numbers.
 *
 * <p>Immutable and thread-safe; the future that fails with it may be read from any thread.
 */
public final class AskRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DeadLetterReason reason;

    /**
     * Creates the exception for a request the target's mailbox refused.
     *
     * @param target      the path of the actor that was asked
     * @param requestType the class of the request
     * @param result      what the mailbox said: {@link SendResult#FULL} or {@link SendResult#STOPPED}
     */
    public AskRejectedException(String target, Class<?> requestType, SendResult result) {
        this(target, requestType, result == SendResult.FULL ? DeadLetterReason.MAILBOX_FULL : DeadLetterReason.STOPPED);
    }

    /**
     * Creates the exception.
     *
     * @param target      the path of the actor that was asked
     * @param requestType the class of the request
     * @param reason      why no reply can come
     * @throws NullPointerException if an argument is {@code null}
     */
    public AskRejectedException(String target, Class<?> requestType, DeadLetterReason reason) {
        super("ask to " + target + " with " + requestType.getSimpleName() + " " + describe(Objects.requireNonNull(reason,
                "reason must not be null")), null, false, false);
        this.reason = reason;
    }

    private static String describe(DeadLetterReason reason) {
        return switch (reason) {
            case MAILBOX_FULL -> "was not accepted: mailbox full";
            case STOPPED -> "was not accepted: actor stopped";
            case SHUTDOWN -> "was not answered: the actor system shut down";
            case CONNECTION_LOST -> "got no reply: the connection to the broker was lost";
            case REFUSED_BY_BROKER -> "was not accepted: the broker refused it";
            case UNROUTABLE -> "was not accepted: the broker could not route it";
            default -> "failed: " + reason;
        };
    }

    /** {@return why no reply can come} */
    public DeadLetterReason reason() {
        return reason;
    }

    /**
     * The refusal as a send result, for code written against {@link Addr#trySend}.
     *
     * @return {@link SendResult#FULL} for {@link DeadLetterReason#MAILBOX_FULL}, otherwise
     *         {@link SendResult#STOPPED}
     */
    public SendResult result() {
        return reason == DeadLetterReason.MAILBOX_FULL ? SendResult.FULL : SendResult.STOPPED;
    }
}
