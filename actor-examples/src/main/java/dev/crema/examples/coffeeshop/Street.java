package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import java.time.Duration;
import java.util.Random;

/**
 * The street outside: customers arrive, alone, in small groups and now and then by the busload, at the
 * configured average rate (a Poisson process of groups, drawn from the seed), and walk up to the
 * {@link Door}. When the day's customers have all come (or the latest arrival time has passed) it tells
 * the door to close.
 *
 * <p>Shows: a periodic timer driving an actor (never a sleeping thread), and {@code trySend} where a
 * refusal has a meaning: a customer who cannot even reach the door is turned away.
 */
final class Street implements Actor<Street.Tick> {

    /** The street's clock tick: let in everyone whose arrival time has come. */
    enum Tick { INSTANCE }

    /** Real time; in the deterministic mode the same at the default speed-up: 4 simulated seconds. */
    private static final Duration TICK = Duration.ofMillis(2);
    private static final double MEAN_GROUP = 0.75 * 1 + 0.23 * 3 + 0.02 * 17.5;

    private final ActorContext<Tick> ctx;
    private final Options options;
    private final SimClock clock;
    private final Ledger ledger;
    private final Addr<Door.Msg> door;
    private final Random random;
    private final double meanGapNanos;
    private int nextCustomer;
    private long nextGroupAt;
    private boolean over;

    /**
     * @param opensAt the simulated time the street opens: the first group comes a random gap after it (0 for a
     *                day, the moment the doors open for the live shop)
     */
    Street(ActorContext<Tick> ctx, Options options, SimClock clock, Ledger ledger, Addr<Door.Msg> door,
           long opensAt) {
        this.ctx = ctx;
        this.options = options;
        this.clock = clock;
        this.ledger = ledger;
        this.door = door;
        this.random = new Random(options.seed());
        this.meanGapNanos = 60e9 * MEAN_GROUP / options.arrivalRate();
        this.nextGroupAt = opensAt + gap();
    }

    @Override
    public void preStart() {
        ctx.timers().startPeriodic("arrivals", Tick.INSTANCE, clock.interval(TICK));
    }

    @Override
    public void receive(Tick tick) {
        long now = clock.now();
        long latest = options.duration().isZero() ? Long.MAX_VALUE : options.duration().toNanos();
        while (!over && nextGroupAt <= now) {
            if (nextGroupAt > latest) {
                over = true;
                break;
            }
            for (int n = groupSize(); n > 0 && nextCustomer < options.customers(); n--) {
                arrive(nextCustomer++, Drink.pick(random), nextGroupAt);
            }
            over = nextCustomer == options.customers();
            nextGroupAt += gap();
        }
        if (over) {
            ctx.timers().cancel("arrivals");
            door.tell(Door.Close.INSTANCE); // after the last arrival: one sender's messages stay in order
            ctx.stop();
        }
    }

    private void arrive(int customer, Drink drink, long at) {
        ledger.placed.increment();
        if (!door.trySend(new Door.Arrival(customer, drink, at)).isAccepted()) {
            ledger.turnedAway(customer, Ledger.Away.DOOR_JAMMED);
        }
    }

    /** Mostly one customer, sometimes two to four, now and then a bus of 10 to 25. */
    private int groupSize() {
        double r = random.nextDouble();
        return r < 0.02 ? 10 + random.nextInt(16) : r < 0.25 ? 2 + random.nextInt(3) : 1;
    }

    private long gap() {
        return (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
    }
}
