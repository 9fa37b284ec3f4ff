package dev.crema.actor.supervision;

/**
 * A supervisor could not start all its children: the named child failed to start (its cause is this
 * exception's cause). The children started before it have been stopped in reverse order, and the
 * supervisor has failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class SupervisorStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The id of the child that failed to start. */
    private final String childId;

    /**
     * Creates the exception.
     *
     * @param supervisor the supervisor's path
     * @param childId    the child that failed to start
     * @param cause      why
     */
    public SupervisorStartException(String supervisor, String childId, Throwable cause) {
        super("supervisor " + supervisor + " could not start child '" + childId + "': " + cause, cause);
        this.childId = childId;
    }

    /** {@return the child that failed to start} */
    public String childId() {
        return childId;
    }
}
