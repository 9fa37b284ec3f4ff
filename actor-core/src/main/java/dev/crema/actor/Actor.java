package dev.crema.actor;

/**
 * The behaviour of an actor: it handles one message at a time, in the order its mailbox received them.
 *
 * <p>A stateless actor is a lambda; a stateful one is a class that implements this interface and keeps
 * its state in plain fields. The runtime guarantees that at most one thread runs an actor's methods at a
 * time and that each call happens-after the previous one, so fields need neither {@code volatile} nor
 * locks as long as they are only touched from these methods.
 *
 * <pre>{@code
 * // stateless
 * Addr<String> echo = system.spawn("echo", ctx -> msg -> System.out.println(msg));
 *
 * // stateful, with a lifecycle hook
 * final class Counter implements Actor<Integer> {
 *     private long total;
 *     Counter(ActorContext<Integer> ctx) { }
 *     public void receive(Integer n) { total += n; }
 *     public void postStop() { System.out.println("total " + total); }
 * }
 * Addr<Integer> counter = system.spawn("counter", Counter::new);
 * }</pre>
 *
 * <h2>Failures</h2>
 * Every method may throw, checked exceptions included. A throw from {@link #receive}, {@link #preStart}
 * or {@link #postRestart} (or from the factory) is a failure of the actor: it is suspended and its parent
 * decides what happens (see {@link Directive}); the failing message, if there was one, goes to dead letters
 * with reason {@link DeadLetterReason#FAILED} and its cause. A throw from {@link #postStop} or
 * {@link #preRestart} is logged at ERROR and the lifecycle step continues, so a failing clean-up never
 * keeps an actor alive. A fatal error of the JVM ({@link VirtualMachineError} other than
 * {@link StackOverflowError}) is never resumed or restarted silently: see
 * {@link SystemConfig#withFatalErrorPolicy}.
 *
 * <h2>Interrupts</h2>
 * Every method starts with the thread's interrupt flag clear, and the runtime clears it again after each
 * turn, so an interrupt never leaks from one actor to the next actor that runs on the same thread (a handler
 * that catches {@link InterruptedException} and re-sets the flag affects only itself). The runtime
 * interrupts a running handler only to stop it forcibly: when a supervisor's
 * {@link dev.crema.actor.supervision.StopPolicy} runs out, or when a shutdown passes its graceful budget. A
 * handler that blocks should therefore answer an interrupt by returning (or throwing) promptly.
 *
 * <h2>Lifecycle order</h2>
 * <ol>
 *   <li>the factory builds the instance, then {@link #preStart()} runs, before the first message;</li>
 *   <li>on restart: {@link #preRestart} on the old instance, its children are stopped and its timers
 *       cancelled, the factory builds a fresh instance, then {@link #postRestart} runs on it; the
 *       {@link Addr}, the mailbox and its queued messages are kept;</li>
 *   <li>on stop: the children stop first (reverse start order), then {@link #postStop()} runs.</li>
 * </ol>
 *
 * @param <M> the type of messages this actor accepts
 */
@FunctionalInterface
public interface Actor<M> {

    /**
     * Handles one message. Called only from the actor's own thread, one call at a time.
     *
     * @param message the message, never {@code null}
     * @throws Exception any failure; the actor's parent decides what happens next
     */
    void receive(M message) throws Exception;

    /**
     * Runs once after the instance is built and before its first message. The default does nothing.
     *
     * @throws Exception a failure to start; handled like a failure in {@link #receive}
     */
    default void preStart() throws Exception {
    }

    /**
     * Runs once after the actor and all its children have stopped. The default does nothing.
     *
     * @throws Exception logged at ERROR; the actor is stopped either way
     */
    default void postStop() throws Exception {
    }

    /**
     * Runs on the failed instance before it is replaced. The default calls {@link #postStop()}.
     *
     * @param cause         what the actor threw
     * @param failedMessage the message being handled when it failed, or {@code null} if it failed while
     *                      starting
     * @throws Exception logged at ERROR; the restart continues
     */
    default void preRestart(Throwable cause, Object failedMessage) throws Exception {
        postStop();
    }

    /**
     * Runs on the fresh instance after a restart, before the next message. The default calls
     * {@link #preStart()}.
     *
     * @param cause what the previous instance threw
     * @throws Exception a failure to restart; handled like a failure in {@link #receive}
     */
    default void postRestart(Throwable cause) throws Exception {
        preStart();
    }
}
