package dev.crema.examples.coffeeshop;

import dev.crema.actor.AskRejectedException;
import dev.crema.actor.AskTimeoutException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shop's books. Every customer ends in exactly one {@link Bucket}, written once at the place where
 * the outcome is decided: the {@link Door} for customers it turns away, and the completion of the
 * customer's {@code ask} future for everyone else (a future completes exactly once, so a drink arriving
 * at the moment the customer gives up is one outcome, never two). A second write for the same customer
 * is counted as an error instead of being lost in a sum.
 *
 * <p>Beside the customers it counts the kitchen's work (orders taken, answers sent, brews, retries) so
 * that the report can check that every order taken was answered. Not an actor: it is written from many
 * threads (future callbacks run on the replying thread), so it is built from thread-safe counters.
 */
final class Ledger {

    /** Where a customer's day ended. */
    enum Bucket { SERVED, TURNED_AWAY, REJECTED, REFUNDED, GAVE_UP, LOST }

    /** Why the door turned a customer away. */
    enum Away { RATE_LIMIT, DOOR_JAMMED, CLOSED }

    private final int customers;
    private final SimClock clock;
    private final AtomicReferenceArray<Bucket> outcome;
    private final EnumMap<Bucket, LongAdder> buckets = new EnumMap<>(Bucket.class);
    private final EnumMap<Away, LongAdder> away = new EnumMap<>(Away.class);
    private final LongAdder settledTwice = new LongAdder();
    private long[] waits = new long[1024];
    private int waitCount;

    final LongAdder placed = new LongAdder();
    final LongAdder rejectedAtTill = new LongAdder();
    final LongAdder rejectedQueueFull = new LongAdder();
    final LongAdder asked = new LongAdder();
    final LongAdder ordersTaken = new LongAdder();
    final LongAdder drinksHandedOut = new LongAdder();
    final LongAdder refundsIssued = new LongAdder();
    final LongAdder refundsAtClosing = new LongAdder();
    final LongAdder apologies = new LongAdder();
    final LongAdder brews = new LongAdder();
    final LongAdder cupsBrewed = new LongAdder();
    final LongAdder burntBrews = new LongAdder();
    final LongAdder retries = new LongAdder();

    Ledger(int customers, SimClock clock) {
        this.customers = customers;
        this.clock = clock;
        this.outcome = new AtomicReferenceArray<>(customers);
        for (Bucket b : Bucket.values()) {
            buckets.put(b, new LongAdder());
        }
        for (Away a : Away.values()) {
            away.put(a, new LongAdder());
        }
    }

    /** The door turned the customer away: the whole story for them. */
    void turnedAway(int customer, Away why) {
        away.get(why).increment();
        settle(customer, Bucket.TURNED_AWAY);
    }

    /**
     * The customer's {@code ask} completed, with a reply or with an exception. Runs on the replying
     * thread (or the timer thread for a timeout), so it only counts.
     *
     * @param askedAt the simulated time ({@link SimClock#now()}) the customer got in line
     */
    void askCompleted(int customer, long askedAt, Outcome reply, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Bucket bucket;
        if (cause == null) {
            if (reply instanceof Outcome.Served) {
                bucket = Bucket.SERVED;
                recordWait(clock.now() - askedAt);
            } else if (reply instanceof Outcome.Refunded) {
                bucket = Bucket.REFUNDED;
            } else {
                rejectedQueueFull.increment();
                bucket = Bucket.REJECTED;
            }
        } else if (cause instanceof AskRejectedException) {
            rejectedAtTill.increment();
            bucket = Bucket.REJECTED;
        } else if (cause instanceof AskTimeoutException) {
            bucket = Bucket.GAVE_UP;
        } else {
            bucket = Bucket.LOST; // e.g. the system shut down under a waiting customer: breaks the invariant
        }
        settle(customer, bucket);
    }

    private void settle(int customer, Bucket bucket) {
        if (outcome.compareAndSet(customer, null, bucket)) {
            buckets.get(bucket).increment();
        } else {
            settledTwice.increment();
        }
    }

    private synchronized void recordWait(long simulatedNanos) {
        if (waitCount == waits.length) {
            waits = Arrays.copyOf(waits, waits.length * 2);
        }
        waits[waitCount++] = simulatedNanos;
    }

    /** @return simulated waits of served customers, sorted */
    synchronized long[] sortedWaits() {
        long[] copy = Arrays.copyOf(waits, waitCount);
        Arrays.sort(copy);
        return copy;
    }

    long turnedAway(Away why) {
        return away.get(why).sum();
    }

    long count(Bucket b) {
        return buckets.get(b).sum();
    }

    /** @return a snapshot of the buckets */
    Map<Bucket, Long> buckets() {
        Map<Bucket, Long> m = new EnumMap<>(Bucket.class);
        buckets.forEach((b, n) -> m.put(b, n.sum()));
        return m;
    }

    /** @return customers placed so far whose story has ended */
    long settled() {
        long n = 0;
        for (LongAdder a : buckets.values()) {
            n += a.sum();
        }
        return n;
    }

    /** @return customers that were settled more than once (must be zero) */
    long settledTwice() {
        return settledTwice.sum();
    }

    /** @return customers among the first {@code placed} whose story has no ending (must be zero at the end) */
    long unsettled() {
        long n = 0;
        for (int i = 0; i < Math.min(customers, placed.sum()); i++) {
            if (outcome.get(i) == null) {
                n++;
            }
        }
        return n;
    }

    /** @return answers sent for orders taken: drinks, refunds and apologies */
    long answers() {
        return drinksHandedOut.sum() + refundsIssued.sum() + apologies.sum();
    }

    /** @return orders between the till and an answer */
    long inFlight() {
        return ordersTaken.sum() - answers();
    }
}
