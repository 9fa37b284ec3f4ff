package dev.crema.examples.coffeeshop;

import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sees every dead letter (a {@code DeadLetters} subscriber) and explains it in the shop's terms, so that
 * nothing is dead-lettered silently:
 * <ul>
 *   <li>{@code LATE_REPLY} of a drink: a wasted drink, brewed for a customer who had given up;</li>
 *   <li>{@code LATE_REPLY} of a refund or an apology: an answer the customer did not wait for;</li>
 *   <li>{@code FAILED} with a {@link Barista.Burnt} cause: a burnt brew (the message the barista was
 *       handling when it failed; its orders were retried or refunded);</li>
 *   <li>{@code SHUTDOWN}: left in a mailbox when the shutdown deadline passed (zero on a graceful day);</li>
 *   <li>anything else is unexplained, kept for the report, and fails the day.</li>
 * </ul>
 * Called on whichever thread produced the dead letter, so it only counts (thread-safe).
 */
final class DeadLetterAudit implements Consumer<DeadLetter> {

    /** What a dead letter meant. */
    enum Meaning { WASTED_DRINK, UNCLAIMED_REFUND, UNCLAIMED_APOLOGY, BURNT_BREW, LEFT_AT_DEADLINE, UNEXPLAINED }

    private final Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    private final Map<Meaning, Long> byMeaning = new EnumMap<>(Meaning.class);
    private final List<DeadLetter> unexplained = new ArrayList<>();

    @Override
    public synchronized void accept(DeadLetter letter) {
        byReason.merge(letter.reason(), 1L, Long::sum);
        Meaning meaning = meaning(letter);
        byMeaning.merge(meaning, 1L, Long::sum);
        if (meaning == Meaning.UNEXPLAINED && unexplained.size() < 10) {
            unexplained.add(letter);
        }
    }

    private static Meaning meaning(DeadLetter letter) {
        Object m = letter.message();
        return switch (letter.reason()) {
            case LATE_REPLY -> m instanceof Outcome.Served ? Meaning.WASTED_DRINK
                    : m instanceof Outcome.Refunded ? Meaning.UNCLAIMED_REFUND
                    : m instanceof Outcome.Sorry ? Meaning.UNCLAIMED_APOLOGY : Meaning.UNEXPLAINED;
            case FAILED -> letter.cause() instanceof Barista.Burnt ? Meaning.BURNT_BREW : Meaning.UNEXPLAINED;
            case SHUTDOWN -> Meaning.LEFT_AT_DEADLINE;
            default -> Meaning.UNEXPLAINED;
        };
    }

    synchronized long count(Meaning meaning) {
        return byMeaning.getOrDefault(meaning, 0L);
    }

    /** @return what this subscriber saw, per reason (to compare with the library's own counts) */
    synchronized Map<DeadLetterReason, Long> seen() {
        return new EnumMap<>(byReason);
    }

    /** @return the first few dead letters it could not explain */
    synchronized List<DeadLetter> unexplained() {
        return List.copyOf(unexplained);
    }
}
