package dev.crema.actor;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Where undeliverable messages go: counted per reason, logged at WARN with a rate limit, and published to
 * subscribers. Obtained from {@link ActorSystem#deadLetters()}.
 *
 * <pre>{@code
 * try (var sub = system.deadLetters().subscribe(dl -> metrics.increment(dl.reason().name()))) {
 *     ...
 * }
 * long full = system.deadLetters().count(DeadLetterReason.MAILBOX_FULL);
 * }</pre>
 *
 * <p>Thread-safe. Subscribers are called synchronously on the thread that produced the dead letter (an
 * actor's, a sender's or the timer thread), so they must be quick and must not block; a subscriber that
 * throws is logged and stays subscribed.
 */
public interface DeadLetters {

    /**
     * Dead letters so far with this reason.
     *
     * @param reason the reason
     * @return the count
     */
    long count(DeadLetterReason reason);

    /**
     * All dead letters so far.
     *
     * @return the sum over all reasons
     */
    long total();

    /**
     * A snapshot of the counts, one entry per reason (zeros included).
     *
     * @return reason to count, in the enum's order
     */
    Map<DeadLetterReason, Long> counts();

    /**
     * Records a dead letter produced outside the runtime: by a transport that carries messages to another
     * process, say, when the broker returns a message it could not route. It is counted, logged and handed
     * to subscribers exactly as the runtime's own.
     *
     * @param letter the dead letter
     * @throws NullPointerException if {@code letter} is {@code null}
     */
    void publish(DeadLetter letter);

    /**
     * Calls {@code subscriber} for every dead letter from now on, until the returned handle is closed.
     *
     * @param subscriber called on the producing thread
     * @return closes the subscription
     * @throws NullPointerException if {@code subscriber} is {@code null}
     */
    Subscription subscribe(Consumer<? super DeadLetter> subscriber);

    /** Ends a {@link #subscribe} subscription; closing twice is harmless. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
