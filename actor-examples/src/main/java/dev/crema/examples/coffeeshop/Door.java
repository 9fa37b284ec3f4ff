package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The door: a rate limit (a {@link TokenBucket}) in front of the shop. A customer beyond the rate is
 * turned away at once; one let in gets in line at the cashier with an {@code ask} whose timeout is the
 * customer's patience. The door does not wait for the answer: the ask's future records the customer's
 * outcome in the {@link Ledger} when it completes, whoever completes it.
 *
 * <p>Shows: state owned by one actor (the bucket needs no lock), {@code ask} with a timeout, and a
 * typed {@code Registry} lookup (the cashier is found by name).
 */
final class Door implements Actor<Door.Msg> {

    sealed interface Msg {}

    /** A customer at the door; {@code at} is their simulated arrival time. */
    record Arrival(int customer, Drink drink, long at) implements Msg {}

    /** Closing time: nobody else comes in. */
    enum Close implements Msg { INSTANCE }

    private final Ledger ledger;
    private final CompletableFuture<Long> closed;
    private final TokenBucket bucket;
    private final Duration patience;
    private final Addr<Cashier.Order> cashier;
    private final SimClock clock;
    private boolean open = true;

    /**
     * @param closed completed with the simulated closing time when the door closes
     */
    Door(ActorContext<Msg> ctx, Options options, SimClock clock, Ledger ledger, CompletableFuture<Long> closed) {
        this.ledger = ledger;
        this.closed = closed;
        this.clock = clock;
        this.bucket = new TokenBucket(options.doorRate(), options.doorBurst(), 0);
        // ask needs a positive timeout; a customer with no patience at all leaves right after ordering
        this.patience = options.patience().isZero() ? Duration.ofNanos(1) : clock.toReal(options.patience());
        this.cashier = ctx.system().registry().lookup(Cashier.NAME).orElseThrow();
    }

    @Override
    public void receive(Msg msg) {
        if (msg instanceof Arrival a) {
            if (!open) {
                ledger.turnedAway(a.customer(), Ledger.Away.CLOSED);
            } else if (!bucket.tryTake(a.at())) {
                ledger.turnedAway(a.customer(), Ledger.Away.RATE_LIMIT);
            } else {
                getInLine(a);
            }
        } else if (msg == Close.INSTANCE && open) {
            open = false;
            closed.complete(clock.now());
        }
    }

    private void getInLine(Arrival a) {
        long askedAt = clock.now();
        ledger.asked.increment();
        cashier.ask(Outcome.class, replyTo -> new Cashier.Order(a.customer(), a.drink(), replyTo), patience)
                .whenComplete((reply, failure) -> ledger.askCompleted(a.customer(), askedAt, reply, failure));
    }
}
