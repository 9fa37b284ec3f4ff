package dev.crema.examples.coffeeshop;

import dev.crema.examples.coffeeshop.DeadLetterAudit.Meaning;
import dev.crema.examples.coffeeshop.Ledger.Bucket;
import java.time.Duration;
import java.util.Map;

/**
 * The live shop's numbers at one moment, from {@link LiveShop#counters()}: the customers' buckets, the kitchen,
 * the waits and the staff. Each figure is read on its own while the shop runs, so a figure may be a customer
 * ahead of another; {@link #inShop()} is what the books do not know the end of yet, so that
 * {@code placed = served + turnedAway + rejected + refunded + gaveUp + inShop} holds for every snapshot, and
 * with {@code inShop == 0} once the shop has closed. Immutable and thread-safe.
 *
 * @param phase          where the shop is in its day
 * @param simulated      simulated time since the shop opened its premises
 * @param placed         customers who came to the door
 * @param served         customers who got their drink
 * @param turnedAway     customers the door turned away (rate limit, door jammed, closed)
 * @param rejected       customers told "sorry, we're full" (the line at the till or the order rail was full)
 * @param refunded       customers refunded for a brew that burnt too often
 * @param gaveUp         customers who left before their drink came
 * @param inShop         customers whose story has not ended yet
 * @param ordersTaken    orders the cashier took
 * @param ordersInFlight orders between the till and an answer: on the rail, brewing or at the pickup counter
 * @param brews          brews started
 * @param burntBrews     brews that burnt (each one a barista failure and restart)
 * @param wastedDrinks   drinks brewed for customers who had already left
 * @param waitP50        the median wait of served customers, simulated ({@link Duration#ZERO} before the first)
 * @param waitP95        the 95th percentile wait
 * @param waitP99        the 99th percentile wait
 * @param burnRatePercent the chance a brew burns, in percent
 * @param restarts       restarts per barista, by id ({@code barista-1}, ...), in hiring order
 * @param managerGaveUp  why the manager gave up (restart intensity exceeded), or {@code null}
 */
public record LiveCounters(LiveShop.Phase phase, Duration simulated, long placed, long served, long turnedAway,
                           long rejected, long refunded, long gaveUp, long inShop, long ordersTaken, long ordersInFlight, long brews,
                           long burntBrews, long wastedDrinks, Duration waitP50, Duration waitP95, Duration waitP99,
                           int burnRatePercent, Map<String, Integer> restarts, String managerGaveUp) {

    /** Copies the map. */
    public LiveCounters {
        restarts = Map.copyOf(restarts);
    }

    static LiveCounters read(LiveShop.Phase phase, ShopFloor floor, int burnRatePercent, Map<String, Integer> restarts) {
        Ledger l = floor.ledger;
        long[] waits = l.sortedWaits();
        long placed = l.placed.sum();
        long served = l.count(Bucket.SERVED);
        long away = l.count(Bucket.TURNED_AWAY);
        long rejected = l.count(Bucket.REJECTED);
        long refunded = l.count(Bucket.REFUNDED);
        long gaveUp = l.count(Bucket.GAVE_UP);
        long inShop = placed - served - away - rejected - refunded - gaveUp;
        Throwable gaveUpWhy = floor.managerGaveUp();
        return new LiveCounters(phase, Duration.ofNanos(floor.clock.now()), placed, served, away, rejected, refunded,
                gaveUp, inShop, l.ordersTaken.sum(), l.inFlight(), l.brews.sum(), l.burntBrews.sum(),
                floor.audit().count(Meaning.WASTED_DRINK), wait(waits, 50), wait(waits, 95), wait(waits, 99),
                burnRatePercent, restarts, gaveUpWhy == null ? null : String.valueOf(gaveUpWhy.getMessage()));
    }

    /** {@return the conservation line: placed = the sum of the buckets, with those still in the shop} */
    public String conservation() {
        return "placed " + placed + " = served " + served + " + turned away " + turnedAway + " + rejected " + rejected
                + " + refunded " + refunded + " + gave up " + gaveUp + " + in the shop " + inShop;
    }

    private static Duration wait(long[] sorted, int p) {
        return sorted.length == 0 ? Duration.ZERO : ShopReport.pct(sorted, p);
    }
}
