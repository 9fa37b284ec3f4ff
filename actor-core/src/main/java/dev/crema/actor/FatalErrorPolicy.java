package dev.crema.actor;

/**
 * What the runtime does when an actor throws a fatal error of the JVM: a {@link VirtualMachineError}
 * ({@link OutOfMemoryError}, {@link InternalError}, ...) other than {@link StackOverflowError}, which
 * unwinds cleanly and is handled like any failure. After such an error the JVM may be in no state to go on,
 * so by default no {@link Decider} gets to resume or restart the actor quietly. Set with
 * {@link SystemConfig#withFatalErrorPolicy}; Pekko's equivalent is {@code jvm-exit-on-fatal-error}.
 *
 * <p>Immutable and thread-safe.
 */
public enum FatalErrorPolicy {
    /**
     * The default: the error is logged at ERROR, the failing message dead-lettered ({@link DeadLetterReason#FAILED}),
     * the actor stopped (its watchers see the error; a supervisor restarts it only as its restart type
     * says, as for any actor that stopped with a cause), and the system's {@link TopLevelFailureHandler} is
     * called, which may shut the system down ({@link TopLevelFailureHandler#shutdownSystem()}).
     */
    ESCALATE,
    /** The error is logged at ERROR and the JVM exits with status 70 (as {@code EX_SOFTWARE}), from a new thread. */
    EXIT_JVM,
    /** The error is a failure like any other: the actor's parent decides, resume and restart included. */
    AS_FAILURE;

    /**
     * Whether the runtime treats a throwable as fatal.
     *
     * @param t the throwable
     * @return {@code true} for a {@link VirtualMachineError} other than {@link StackOverflowError}
     */
    public static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }
}
