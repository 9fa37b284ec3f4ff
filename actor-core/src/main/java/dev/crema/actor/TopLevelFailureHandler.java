package dev.crema.actor;

/**
 * What the system does when a failure escalates past a top-level actor: the last step of escalation up
 * a supervision tree (a top-level supervisor that exceeded its restart intensity, or a top-level actor
 * whose {@link Decider} answered {@link Directive#ESCALATE}). By then the failure has been logged at ERROR
 * and the actor is being stopped; the handler decides what happens to the rest of the system.
 *
 * <pre>{@code
 * SystemConfig.defaults().withTopLevelFailureHandler(TopLevelFailureHandler.shutdownSystem());
 * }</pre>
 *
 * <p>Called on the root guardian's thread: it must not block. A handler that throws is logged.
 * The default is {@link #keepRunning()}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TopLevelFailureHandler {

    /**
     * A failure reached the top.
     *
     * @param system the system
     * @param actor  the top-level actor that failed
     * @param cause  the failure
     */
    void onFailure(ActorSystem system, Addr<?> actor, Throwable cause);

    /**
     * The default: the failed actor is stopped and everything else keeps running.
     *
     * @return a handler that does nothing more
     */
    static TopLevelFailureHandler keepRunning() {
        return (system, actor, cause) -> { };
    }

    /**
     * Shut the whole system down gracefully (with {@link SystemConfig#shutdownTimeout()}), as an Erlang
     * node stops when its top supervisor gives up.
     *
     * @return a handler that starts an asynchronous shutdown
     */
    static TopLevelFailureHandler shutdownSystem() {
        return (system, actor, cause) -> system.shutdownAsync(system.config().shutdownTimeout());
    }
}
