package dev.crema.actor;

/**
 * The target of an {@link Addr#ask} did not take the request: its mailbox was full or it had stopped.
 * The future fails with this at once, without waiting for the timeout.
 *
 * <p>Immutable and thread-safe; the future that fails with it may be read from any thread.
 */
public final class AskRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SendResult result;

    /**
     * Creates the exception.
     *
     * @param target      the path of the actor that was asked
     * @param requestType the class of the request
     * @param result      why the request was not taken: {@link SendResult#FULL} or {@link SendResult#STOPPED}
     */
    public AskRejectedException(String target, Class<?> requestType, SendResult result) {
        super("ask to " + target + " with " + requestType.getSimpleName() + " was not accepted: "
                + (result == SendResult.FULL ? "mailbox full" : "actor stopped"));
        this.result = result;
    }

    /** @return why the request was not taken */
    public SendResult result() {
        return result;
    }
}
