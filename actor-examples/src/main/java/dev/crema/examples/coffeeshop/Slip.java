package dev.crema.examples.coffeeshop;

import dev.crema.actor.Addr;

/**
 * An order slip: what the cashier writes down and pins to the order queue. It carries the customer's
 * reply handle (the {@code ask} the door made for them), so whoever finishes the order answers the
 * customer directly. Immutable; a retry is a new slip with the next attempt number.
 *
 * @param customer the customer's number
 * @param drink    what they ordered
 * @param replyTo  where the outcome goes: answered exactly once, by the pickup counter, a refund or an apology
 * @param attempt  1 for the first brew, 2 for the first retry, ...
 */
record Slip(int customer, Drink drink, Addr<Outcome> replyTo, int attempt) {

    Slip nextAttempt() {
        return new Slip(customer, drink, replyTo, attempt + 1);
    }

    @Override
    public String toString() {
        return "#" + customer + " " + drink + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    }
}
