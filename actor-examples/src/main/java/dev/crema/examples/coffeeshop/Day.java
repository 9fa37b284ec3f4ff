package dev.crema.examples.coffeeshop;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ShutdownReport;
import dev.crema.examples.coffeeshop.Ledger.Bucket;
import java.time.Duration;
import java.util.Map;

/**
 * What happened during one day, collected after the lights went out, and the three checks the program's
 * exit status depends on. Plain data.
 *
 * @param restarts          restarts per barista, from the supervisor's {@code children()}
 * @param managerGaveUp     the failure that made the manager give up (restart intensity exceeded), or null
 * @param deadLetters       the library's dead-letter counts per reason
 * @param handlers          the {@link LatencyTimer}'s numbers per actor
 * @param closedAt          simulated time the door closed
 * @param inFlightAtClosing orders between the till and an answer when the door closed
 * @param closingTook       simulated time from closing the door to the last answer
 * @param closedInTime      whether everything in flight finished within the closing deadline
 * @param real              wall-clock time of the whole run
 */
record Day(Options options, Ledger ledger, Map<String, Integer> restarts, Throwable managerGaveUp,
           Map<DeadLetterReason, Long> deadLetters, DeadLetterAudit audit, Map<String, LatencyTimer.Stats> handlers,
           ShutdownReport shutdown, Duration closedAt, long inFlightAtClosing, Duration closingTook,
           boolean closedInTime, Duration real) {

    long placed() {
        return ledger.placed.sum();
    }

    long count(Bucket b) {
        return ledger.count(b);
    }

    long totalRestarts() {
        return restarts.values().stream().mapToLong(Integer::longValue).sum();
    }

    long lateReplies() {
        return deadLetters.getOrDefault(DeadLetterReason.LATE_REPLY, 0L);
    }

    /**
     * Every customer ends in exactly one bucket: placed = served + turned away + rejected + refunded +
     * gave up, nobody settled twice, nobody without an ending, nobody lost.
     */
    boolean invariantHolds() {
        long sum = count(Bucket.SERVED) + count(Bucket.TURNED_AWAY) + count(Bucket.REJECTED)
                + count(Bucket.REFUNDED) + count(Bucket.GAVE_UP);
        return placed() == sum && count(Bucket.LOST) == 0 && ledger.settledTwice() == 0 && ledger.unsettled() == 0;
    }

    /**
     * Nothing in flight was lost: every order that got in line reached the cashier, every order taken got
     * exactly one answer (drink, refund or apology), and the answers that came too late are exactly the
     * customers who gave up.
     */
    boolean everyOrderAnswered() {
        long inLine = ledger.asked.sum() - ledger.rejectedAtTill.sum();
        return ledger.ordersTaken.sum() == inLine && ledger.answers() == ledger.ordersTaken.sum()
                && lateReplies() == count(Bucket.GAVE_UP);
    }

    /** Nothing was dead-lettered silently: the audit saw every dead letter the library counted and explained each. */
    boolean deadLettersExplained() {
        for (DeadLetterReason r : DeadLetterReason.values()) {
            if (!deadLetters.getOrDefault(r, 0L).equals(audit.seen().getOrDefault(r, 0L))) {
                return false;
            }
        }
        return audit.count(DeadLetterAudit.Meaning.UNEXPLAINED) == 0;
    }

    /** @return 0 if all three checks hold, 1 otherwise */
    int exitStatus() {
        return invariantHolds() && everyOrderAnswered() && deadLettersExplained() ? 0 : 1;
    }
}
