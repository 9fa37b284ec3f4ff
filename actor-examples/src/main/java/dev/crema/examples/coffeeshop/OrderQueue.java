package dev.crema.examples.coffeeshop;

import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.BatchActor;
import dev.crema.actor.supervision.Backoff;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rail of order slips between the cashier and the baristas: a bounded job queue that owns every
 * order until it is finished. Free baristas say so; the queue hands each one a batch of identical
 * drinks. When a brew burns, the queue learns it from the barista's {@code preRestart} hook, and
 * brews the order again after a backoff delay (a timer), up to {@code --retry-limit} times; then it
 * refunds the customer. If a barista stops for good, death watch tells the queue, which puts what that
 * barista held back on the rail. Whatever is still open when the queue stops is refunded.
 *
 * <p>Shows: {@code BatchActor}. Everything waiting in the mailbox arrives as one list, so the queue
 * files a whole burst of new slips before it matches free baristas with work: a busload of orders
 * becomes a few batched brews instead of one brew per order. Also timers (retry backoff, using the
 * library's {@link Backoff} arithmetic) and death watch.
 */
final class OrderQueue implements BatchActor<OrderQueue.Msg> {

    sealed interface Msg {}

    /** A new order from the cashier. */
    record NewSlip(Slip slip) implements Msg {}

    /** A barista (new or just restarted) is free. */
    record BaristaFree(Addr<Barista.Msg> barista) implements Msg {}

    /** A barista finished its batch and handed it to the pickup counter; it is free again. */
    record BrewFinished(Addr<Barista.Msg> barista) implements Msg {}

    /** A barista's brew burnt; sent from its {@code preRestart}. It will say {@link BaristaFree} when back. */
    record BrewFailed(Addr<Barista.Msg> barista, Throwable cause) implements Msg {}

    /** Death watch: a barista stopped for good. */
    record BaristaGone(Addr<?> barista) implements Msg {}

    /** A retry's backoff is over. */
    record RetryDue(long retry) implements Msg {}

    private final ActorContext<Msg> ctx;
    private final Options options;
    private final SimClock clock;
    private final Ledger ledger;
    private final Backoff retryBackoff;
    private final SplittableRandom jitter;

    private final Deque<Slip> waiting = new ArrayDeque<>();
    private final Deque<Addr<Barista.Msg>> free = new ArrayDeque<>();
    private final Map<Addr<?>, List<Slip>> brewing = new HashMap<>();
    private final Map<Long, List<Slip>> retrying = new HashMap<>();
    private long nextRetry;

    OrderQueue(ActorContext<Msg> ctx, Options options, SimClock clock, Ledger ledger) {
        this.ctx = ctx;
        this.options = options;
        this.clock = clock;
        this.ledger = ledger;
        this.retryBackoff = Backoff.exponential(options.brewTime().dividedBy(4), options.brewTime().multipliedBy(2));
        this.jitter = new SplittableRandom(options.seed());
    }

    @Override
    public void receiveBatch(List<Msg> batch) {
        for (Msg m : batch) {
            handle(m);
        }
        dispatch();
    }

    private void handle(Msg m) {
        if (m instanceof NewSlip n) {
            if (waiting.size() >= options.queueCapacity()) {
                n.slip().replyTo().tell(new Outcome.Sorry("the order queue is full"));
                ledger.apologies.increment();
            } else {
                waiting.addLast(n.slip());
            }
        } else if (m instanceof BaristaFree f) {
            ctx.watch(f.barista(), t -> new BaristaGone(t.actor())); // watching again only replaces the mapping
            List<Slip> lost = brewing.remove(f.barista());
            if (lost != null) { // restarted without a BrewFailed (its preRestart threw): the brew is lost all the same
                ledger.burntBrews.increment();
                retryOrRefund(lost);
            }
            if (!free.contains(f.barista())) {
                free.addLast(f.barista());
            }
        } else if (m instanceof BrewFinished f) {
            brewing.remove(f.barista());
            free.addLast(f.barista());
        } else if (m instanceof BrewFailed f) {
            List<Slip> burnt = brewing.remove(f.barista());
            if (burnt != null) {
                ledger.burntBrews.increment();
                retryOrRefund(burnt);
            }
        } else if (m instanceof BaristaGone g) {
            free.remove(g.barista());
            List<Slip> held = brewing.remove(g.barista());
            if (held != null) {
                putBackFirst(held);
            }
        } else if (m instanceof RetryDue r) {
            putBackFirst(retrying.remove(r.retry()));
        }
    }

    private void retryOrRefund(List<Slip> burnt) {
        List<Slip> again = new ArrayList<>();
        for (Slip s : burnt) {
            if (s.attempt() > options.retryLimit()) {
                refund(s, "burnt " + s.attempt() + " times");
            } else {
                again.add(s.nextAttempt());
            }
        }
        if (!again.isEmpty()) {
            ledger.retries.add(again.size());
            long retry = nextRetry++;
            retrying.put(retry, again);
            Duration delay = retryBackoff.delay(again.get(0).attempt() - 1, jitter.nextDouble());
            ctx.timers().startSingle(retry, new RetryDue(retry), clock.toReal(delay));
        }
    }

    /** Gives each free barista the oldest waiting slip plus up to {@code --max-batch - 1} more of the same drink. */
    private void dispatch() {
        while (!free.isEmpty() && !waiting.isEmpty()) {
            Addr<Barista.Msg> barista = free.pollFirst();
            List<Slip> cups = takeBatch();
            if (barista.trySend(new Barista.Brew(cups)).isAccepted()) {
                brewing.put(barista, cups);
                ledger.brews.increment();
                ledger.cupsBrewed.add(cups.size());
            } else {
                putBackFirst(cups); // stopped (death watch will tell) or, against expectations, full
            }
        }
    }

    private List<Slip> takeBatch() {
        Slip first = waiting.pollFirst();
        List<Slip> cups = new ArrayList<>();
        cups.add(first);
        for (Iterator<Slip> it = waiting.iterator(); it.hasNext() && cups.size() < options.maxBatch(); ) {
            Slip s = it.next();
            if (s.drink() == first.drink()) {
                cups.add(s);
                it.remove();
            }
        }
        return cups;
    }

    private void putBackFirst(List<Slip> slips) {
        for (int i = slips.size() - 1; i >= 0; i--) {
            waiting.addFirst(slips.get(i));
        }
    }

    private void refund(Slip s, String why) {
        s.replyTo().tell(new Outcome.Refunded(s.drink(), why));
        ledger.refundsIssued.increment();
    }

    /** Closing with orders still open (only if the closing deadline passed): nobody leaves without an answer. */
    @Override
    public void postStop() {
        List<Slip> open = new ArrayList<>(waiting);
        retrying.values().forEach(open::addAll);
        brewing.values().forEach(open::addAll);
        for (Slip s : open) {
            refund(s, "the shop closed");
            ledger.refundsAtClosing.increment();
        }
    }
}
