package dev.crema.examples.coffeeshop;

/**
 * What a customer is told about their order: the reply to the {@code ask} the door made for them. Exactly
 * one is sent per order taken; if the customer has already left, the library dead-letters it as a
 * {@code LATE_REPLY}, and {@link DeadLetterAudit} counts it (a late {@link Served} is a wasted drink).
 */
sealed interface Outcome {

    /** The drink, from the pickup counter. */
    record Served(Drink drink, String barista, int attempts) implements Outcome {}

    /** The money back: every attempt to brew it burnt (or the shop closed with it unfinished). */
    record Refunded(Drink drink, String why) implements Outcome {}

    /** "Sorry, we're full": the order queue had no room, so the customer is told at once. */
    record Sorry(String why) implements Outcome {}
}
