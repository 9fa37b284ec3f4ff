package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.Addr;
import dev.crema.actor.RegistryKey;

/**
 * The cashier takes an order, writes a {@link Slip} and pins it to the {@link OrderQueue}, then takes the
 * next customer: it never waits for the coffee. It is registered by name, so the door finds it.
 *
 * <p>Shows backpressure by saying no early. Its mailbox is bounded ({@code --cashier-mailbox}): the line
 * at the till. When the line is full the library refuses the door's {@code ask} at once and the customer
 * hears "sorry, we're full" immediately (the 503 of the story). When the order queue is full the cashier
 * says the same thing itself, instead of taking money for a drink that would come too late.
 */
final class Cashier implements Actor<Cashier.Order> {

    static final RegistryKey<Order> NAME = RegistryKey.of("cashier", Order.class);

    /** A customer's order, carrying the reply handle of the door's {@code ask}. */
    record Order(int customer, Drink drink, Addr<Outcome> replyTo) {}

    private final Addr<OrderQueue.Msg> queue;
    private final Ledger ledger;

    Cashier(Addr<OrderQueue.Msg> queue, Ledger ledger) {
        this.queue = queue;
        this.ledger = ledger;
    }

    @Override
    public void receive(Order order) {
        ledger.ordersTaken.increment();
        Slip slip = new Slip(order.customer(), order.drink(), order.replyTo(), 1);
        if (!queue.trySend(new OrderQueue.NewSlip(slip)).isAccepted()) {
            order.replyTo().tell(new Outcome.Sorry("the order queue is full"));
            ledger.apologies.increment();
        }
    }
}
