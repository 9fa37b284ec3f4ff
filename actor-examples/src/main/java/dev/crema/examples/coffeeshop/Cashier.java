package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.Addr;
import dev.crema.actor.RegistryKey;
import java.time.Duration;

/**
 * The cashier takes an order, writes a {@link Slip} and pins it to the {@link OrderQueue}, then takes the
 * next customer: it never waits for the coffee. It is registered by name, so the door finds it.
 *
 * <p>Shows backpressure by saying no early. Its mailbox is bounded ({@code --cashier-mailbox}): the line
 * at the till. When the line is full the library refuses the door's {@code ask} at once and the customer
 * hears "sorry, we're full" immediately (the 503 of the story). When the order queue is full the cashier
 * says the same thing itself, instead of taking money for a drink that would come too late.
 *
 * <p>With {@code --till-freeze} the card reader hangs once, at the first order of the second half of the
 * customers, and the handler blocks its thread for that long (real time): the wrong thing to do on the
 * default dispatcher, done on purpose. The line at the till fills up and customers are refused, the
 * runtime's starvation detector warns, and a JFR recording shows the slow turn and the starvation.
 */
final class Cashier implements Actor<Cashier.Order> {

    static final RegistryKey<Order> NAME = RegistryKey.of("cashier", Order.class);

    /** A customer's order, carrying the reply handle of the door's {@code ask}. */
    record Order(int customer, Drink drink, Addr<Outcome> replyTo) {}

    private final Addr<OrderQueue.Msg> queue;
    private final Ledger ledger;
    private final Duration freeze;
    private final int freezeAt;
    private boolean frozeOnce;

    Cashier(Addr<OrderQueue.Msg> queue, Ledger ledger, Options options) {
        this.queue = queue;
        this.ledger = ledger;
        this.freeze = options.tillFreeze();
        this.freezeAt = options.customers() / 2;
    }

    @Override
    public void receive(Order order) {
        if (!frozeOnce && !freeze.isZero() && order.customer() >= freezeAt) {
            frozeOnce = true;
            cardReaderHangs();
        }
        ledger.ordersTaken.increment();
        Slip slip = new Slip(order.customer(), order.drink(), order.replyTo(), 1);
        if (!queue.trySend(new OrderQueue.NewSlip(slip)).isAccepted()) {
            order.replyTo().tell(new Outcome.Sorry("the order queue is full"));
            ledger.apologies.increment();
        }
    }

    /** A blocking call on the default dispatcher, on purpose (see the class comment). */
    private void cardReaderHangs() {
        try {
            Thread.sleep(freeze.toMillis(), freeze.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a forced stop: the runtime clears the flag after the turn
        }
    }
}
