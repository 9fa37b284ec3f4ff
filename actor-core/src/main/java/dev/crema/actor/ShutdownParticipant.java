package dev.crema.actor;

import java.time.Duration;

/**
 * Something outside the actors that takes part in an {@link ActorSystem}'s shutdown: typically a bridge
 * that feeds actors from another process (a broker consumer, a socket listener). It stops taking work in
 * before any actor is stopped, so nothing new arrives while mailboxes drain, and it closes its connections
 * after the actors have stopped, so what they sent on their way out still leaves.
 *
 * <pre>{@code
 * system.addShutdownParticipant(new ShutdownParticipant() {
 *     public String name() { return "orders-listener"; }
 *     public void stopIntake(Duration budget) { listener.pause(); }
 *     public String close(Duration budget) { listener.close(); return "closed"; }
 * });
 * }</pre>
 *
 * <p>Both methods are called on the thread running the shutdown, participants in the order they were
 * added, each at most once. They must return within the budget they are given (what is left of the
 * deadline); a participant that throws is logged at ERROR, its line in the {@link ShutdownReport} says
 * so, and the shutdown goes on. Implementations need not be thread-safe beyond that.
 */
public interface ShutdownParticipant {

    /**
     * A short name for logs and for the report, e.g. {@code amqp amqp://broker:5672/}.
     *
     * @return the name
     */
    String name();

    /**
     * The first step of the shutdown, before any actor is asked to stop: stop taking work in from outside
     * (cancel consumers, stop accepting connections). The default does nothing.
     *
     * @param budget how long this may take at most
     * @throws Exception logged; the shutdown goes on
     */
    default void stopIntake(Duration budget) throws Exception {
    }

    /**
     * The last step, after every actor has stopped (or the deadline has passed): flush what is in flight
     * and release connections. The default does nothing.
     *
     * @param budget how long this may take at most
     * @return one line for the shutdown report, e.g. {@code "3 consumers cancelled, 12 in flight requeued"};
     *         may be empty
     * @throws Exception logged; the report says the participant failed
     */
    default String close(Duration budget) throws Exception {
        return "";
    }
}
