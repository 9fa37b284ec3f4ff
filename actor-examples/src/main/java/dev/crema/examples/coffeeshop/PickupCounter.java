package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.RegistryKey;
import java.util.List;

/**
 * The pickup counter: baristas put finished drinks here and it hands each one to its customer, by
 * replying to the customer's {@code ask}. A customer who has already given up is not there: the reply
 * becomes a {@code LATE_REPLY} dead letter, and the report counts it as a wasted drink (brewed and
 * thrown away, not lost). Registered by name, so baristas find it, across their restarts too.
 *
 * <p>Shows: the reply side of {@code ask} (a reply handle is an ordinary {@code Addr}), the registry,
 * and dead letters as an accounting tool rather than an error log.
 */
final class PickupCounter implements Actor<PickupCounter.Ready> {

    static final RegistryKey<Ready> NAME = RegistryKey.of("pickup-counter", Ready.class);

    /** Drinks a barista has finished. */
    record Ready(String barista, List<Slip> cups) {}

    private final Ledger ledger;

    PickupCounter(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void receive(Ready ready) {
        for (Slip cup : ready.cups()) {
            cup.replyTo().tell(new Outcome.Served(cup.drink(), ready.barista(), cup.attempt()));
            ledger.drinksHandedOut.increment();
        }
    }
}
