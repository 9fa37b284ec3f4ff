package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * A barista: a pool member under the manager (a supervisor). It tells the {@link OrderQueue} it is
 * free, brews the batch of identical drinks it is handed, and takes them to the {@link PickupCounter}.
 * Brewing takes simulated time: a timer, never a sleeping thread. Now and then the milk burns: the
 * barista throws, the supervisor restarts it in place (same address, same mailbox) after a backoff, and
 * the library dead-letters the failing message with reason {@code FAILED}. Its {@code preRestart} hook
 * tells the queue, which retries the order.
 *
 * <p>Whether a brew burns is drawn from the seed, the lead order and its attempt number, not from the
 * barista's own state: a restarted barista starts from scratch, and the same day burns the same brews
 * whichever barista gets them.
 *
 * <p>Shows: supervision (restart in place, backoff, lifecycle hooks), timers, and a {@code Registry}
 * lookup (the pickup counter is found by name).
 */
final class Barista implements Actor<Barista.Msg> {

    sealed interface Msg {}

    /** Brew these identical drinks together. */
    record Brew(List<Slip> cups) implements Msg {}

    /** The brew timer went off: the drinks are ready, or burnt. */
    enum BrewDone implements Msg {
        INSTANCE;

        @Override
        public String toString() {
            return "BrewDone";
        }
    }

    /** The failure the shop simulates. Stackless: it is an expected event, not a bug to debug. */
    static final class Burnt extends Exception {
        private static final long serialVersionUID = 1L;

        Burnt(String message) {
            super(message, null, false, false);
        }
    }

    private final ActorContext<Msg> ctx;
    private final Options options;
    private final DoubleSupplier burnRate;
    private final SimClock clock;
    private final Addr<OrderQueue.Msg> queue;
    private final Addr<PickupCounter.Ready> counter;
    private final String name;
    private List<Slip> cups;

    /**
     * @param burnRate the chance that a brew burns, read when each brew is done: {@code --failure-rate}, or
     *                 what the live shop was last told
     */
    Barista(ActorContext<Msg> ctx, Options options, DoubleSupplier burnRate, SimClock clock,
            Addr<OrderQueue.Msg> queue) {
        this.ctx = ctx;
        this.options = options;
        this.burnRate = burnRate;
        this.clock = clock;
        this.queue = queue;
        this.counter = ctx.system().registry().lookup(PickupCounter.NAME).orElseThrow();
        this.name = ctx.path().substring(ctx.path().lastIndexOf('/') + 1);
    }

    /** Runs on the first start and, by default through {@code postRestart}, after every restart. */
    @Override
    public void preStart() {
        queue.tell(new OrderQueue.BaristaFree(ctx.self()));
    }

    @Override
    public void receive(Msg msg) throws Burnt {
        if (msg instanceof Brew b) {
            cups = b.cups();
            // a batch of n identical drinks takes 1 + (n-1)/4 times as long as one
            ctx.timers().startSingle("brew", BrewDone.INSTANCE,
                    clock.toReal(options.brewTime().multipliedBy(3 + cups.size()).dividedBy(4)));
        } else if (msg == BrewDone.INSTANCE && cups != null) {
            Slip lead = cups.get(0);
            if (burns(options.seed(), burnRate.getAsDouble(), lead)) {
                throw new Burnt(name + " burnt the " + (lead.drink().hasMilk() ? "milk" : "beans") + ": "
                        + cups.size() + " x " + lead.drink() + ", lead order " + lead);
            }
            counter.tell(new PickupCounter.Ready(name, cups));
            cups = null;
            queue.tell(new OrderQueue.BrewFinished(ctx.self()));
        }
    }

    /** On the failed instance, before the supervisor replaces it: report the lost brew so it is retried. */
    @Override
    public void preRestart(Throwable cause, Object failedMessage) {
        if (cups != null) {
            queue.tell(new OrderQueue.BrewFailed(ctx.self(), cause));
        }
    }

    /** The seeded dice: the same seed, order and attempt always give the same answer. */
    static boolean burns(long seed, double rate, Slip lead) {
        long key = seed * 0x9E3779B97F4A7C15L + lead.customer() * 0xBF58476D1CE4E5B9L + lead.attempt();
        return rate > 0 && new SplittableRandom(key).nextDouble() < rate;
    }
}
