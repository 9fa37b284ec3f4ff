package dev.crema.actor;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ActorSystem#shutdown(Duration)} did. The numbers add up: every message that was in a
 * mailbox when shutdown began, or was accepted during it, is exactly once in {@code messagesDrained}
 * (handled), in {@code deadLetters} (with reason {@link DeadLetterReason#SHUTDOWN}, or
 * {@link DeadLetterReason#FAILED} if its handler threw) or, for an actor listed in {@code unresponsive},
 * in {@code messagesAbandoned}. {@code deadLetters} also counts what was refused by {@code tell} during the
 * shutdown (never accepted, so not part of that sum).
 *
 * <p>Past the graceful budget no user code runs: the rest of every mailbox is dead-lettered as bookkeeping,
 * so the deadline is kept however large the backlog. An unresponsive actor is one whose handler was still
 * running at the deadline and ignored the interrupt: the messages still queued for it are counted in
 * {@code messagesAbandoned} (the one it is handling is not); if its handler ever returns, it dead-letters
 * them then, after this report, so none is counted twice.
 *
 * @param actorsStoppedGracefully actors that stopped in order, after draining their mailboxes
 * @param actorsStoppedForcibly   actors stopped at once because the deadline passed
 * @param messagesDrained         user messages handled after shutdown began
 * @param deadLetters             dead letters produced after shutdown began, by reason
 * @param unresponsive            paths of actors that had not stopped when shutdown returned (a handler
 *                                that blocks and ignores interrupts, for instance)
 * @param messagesAbandoned       messages left in the mailboxes of unresponsive actors
 * @param elapsed                 how long shutdown took
 * @param withinDeadline          whether every actor had stopped by the deadline
 * @param participants            one line per {@link ShutdownParticipant}, in the order they were added
 *
 * <p>Immutable and thread-safe.
 */
public record ShutdownReport(long actorsStoppedGracefully, long actorsStoppedForcibly, long messagesDrained,
                             Map<DeadLetterReason, Long> deadLetters, List<String> unresponsive,
                             long messagesAbandoned, Duration elapsed, boolean withinDeadline,
                             List<String> participants) {

    /**
     * Creates a report; the collections are copied.
     *
     * @param actorsStoppedGracefully actors stopped gracefully
     * @param actorsStoppedForcibly   actors stopped forcibly
     * @param messagesDrained         messages handled during shutdown
     * @param deadLetters             dead letters during shutdown, by reason
     * @param unresponsive            actors that did not stop
     * @param messagesAbandoned       messages left with unresponsive actors
     * @param elapsed                 time taken
     * @param withinDeadline          whether everything stopped in time
     * @param participants            the participants' lines
     */
    public ShutdownReport {
        EnumMap<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
        byReason.putAll(deadLetters);
        deadLetters = Collections.unmodifiableMap(byReason);
        unresponsive = List.copyOf(unresponsive);
        participants = List.copyOf(participants);
    }

    /** {@return all dead letters produced after shutdown began} */
    public long messagesDeadLettered() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "shutdown in " + elapsed.toMillis() + " ms" + (withinDeadline ? "" : " (deadline passed)")
                + ": " + actorsStoppedGracefully + " actors stopped gracefully, " + actorsStoppedForcibly
                + " forcibly; " + messagesDrained + " messages drained, " + messagesDeadLettered()
                + " dead-lettered" + nonZero(deadLetters)
                + (unresponsive.isEmpty() ? "" : "; unresponsive " + named(unresponsive) + " holding "
                + messagesAbandoned + " messages")
                + (participants.isEmpty() ? "" : "; " + String.join("; ", participants));
    }

    /** The first ten paths, then how many more: a log line stays readable with thousands of actors. */
    private static String named(List<String> paths) {
        if (paths.size() <= 10) {
            return paths.toString();
        }
        return paths.subList(0, 10).toString().replace("]", ", and " + (paths.size() - 10) + " more]");
    }

    private static String nonZero(Map<DeadLetterReason, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((reason, n) -> {
            if (n != 0) {
                sb.append(sb.length() == 0 ? " (" : ", ").append(reason).append(' ').append(n);
            }
        });
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }
}
