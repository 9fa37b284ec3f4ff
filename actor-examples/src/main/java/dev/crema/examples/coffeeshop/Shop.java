package dev.crema.examples.coffeeshop;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.Mailbox;
import dev.crema.actor.ManualClock;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.supervision.Backoff;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens the shop, runs one day and closes it. The actors start in the order they depend on each other,
 * so that the graceful shutdown, which stops them in reverse order, stops the street first and the
 * pickup counter last:
 * <pre>
 *   pickup-counter, order-queue, manager (baristas), cashier, door, street, progress
 * </pre>
 * Closing time: the street closes the door after the last customer; then the staff finish every order
 * in flight (each customer has an answer or has given up, and every order taken has been answered),
 * within the closing deadline; then {@code system.shutdown} turns the lights off and reports.
 *
 * <p>In the deterministic mode ({@code --deterministic}) the system runs on a {@link ManualClock} and one thread
 * ({@code withParallelism(1)}), the supervisor's backoff has no jitter, and the main thread moves the clock
 * itself ({@link Pace}): each timer fires only once the system is quiet, so every message is handled in an
 * order that depends on nothing but the seed, and the same seed gives the same report (the runtime turns its
 * real-time hand-off slots off under a manual clock for that reason).
 */
final class Shop {

    private static final Duration LIGHTS_OUT = Duration.ofSeconds(5);
    private static final Duration MIN_CLOSING = Duration.ofSeconds(2);

    private Shop() {
    }

    /**
     * Runs a day.
     *
     * @param progress where to draw the live progress line, or {@code null} for none
     * @return the day's numbers
     */
    static Day run(Options options, PrintStream progress) throws Exception {
        long startNanos = System.nanoTime();
        ManualClock manual = options.deterministic() ? ManualClock.create(Duration.ofSeconds(30)) : null;
        SimClock clock = manual != null ? new SimClock(manual) : new SimClock(options.speedUp());
        Pace pace = Pace.of(clock, manual);
        Ledger ledger = new Ledger(options.customers(), clock);
        LatencyTimer timer = new LatencyTimer();
        DeadLetterAudit audit = new DeadLetterAudit();
        CompletableFuture<Throwable> managerGaveUp = new CompletableFuture<>();
        SystemConfig config = SystemConfig.defaults()
                .withTopLevelFailureHandler((sys, actor, cause) -> managerGaveUp.complete(cause));
        ActorSystem system = ActorSystem.create("coffee-shop", manual == null ? config
                : config.withManualClock(manual).withParallelism(1));
        DeadLetters.Subscription watching = system.deadLetters().subscribe(audit);
        try (watching) { // the audit hears every dead letter of the day; unsubscribed when the day ends
            SpawnOptions timed = SpawnOptions.defaults().withInterceptor(timer);

            // in the deterministic mode each step settles before the next, so the start order is the same every run
            Addr<PickupCounter.Ready> counter = system.spawn("pickup-counter", ctx -> new PickupCounter(ledger), timed);
            system.registry().register(PickupCounter.NAME, counter);

            Addr<OrderQueue.Msg> queue = system.spawn("order-queue",
                    ctx -> new OrderQueue(ctx, options, clock, ledger), timed);
            pace.settle();

            Duration brew = options.brewTime();
            Backoff backoff = Backoff.exponential(clock.toReal(brew.dividedBy(6)), clock.toReal(brew.multipliedBy(2)));
            ChildSpec<Barista.Msg> barista = ChildSpec.<Barista.Msg>worker("barista",
                            ctx -> new Barista(ctx, options, clock, queue))
                    .withBackoff(clock.isManual() ? backoff.withJitter(0) : backoff) // jitter draws from no seed
                    .withSpawnOptions(timed.withMailbox(Mailbox.bounded(4)));
            Supervisor manager = Supervisor.start(system, "manager", SupervisorSpec.pool(barista)
                    .withIntensity(options.maxRestarts(), clock.toReal(Duration.ofHours(1))));
            for (int i = 0; i < options.baristas(); i++) {
                manager.startChild().get(10, TimeUnit.SECONDS);
                pace.settle();
            }

            Addr<Cashier.Order> cashier = system.spawn("cashier", ctx -> new Cashier(queue, ledger, options),
                    timed.withMailbox(Mailbox.bounded(options.cashierMailbox())));
            system.registry().register(Cashier.NAME, cashier);
            pace.settle();

            CompletableFuture<Long> doorClosed = new CompletableFuture<>();
            Addr<Door.Msg> door = system.spawn("door", ctx -> new Door(ctx, options, clock, ledger, doorClosed), timed);
            pace.settle();
            Addr<Street.Tick> street = system.spawn("street", ctx -> new Street(ctx, options, clock, ledger, door), timed);
            Addr<ProgressLine.Tick> line = progress == null ? null : system.spawn("progress",
                    ctx -> new ProgressLine(ctx, progress, clock, ledger, () -> restarts(manager).values().stream()
                            .mapToInt(Integer::intValue).sum()),
                    SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));

            // the day: the street closes the door after its last customer (or if it fails, we do)
            CompletableFuture<?> dayOver = CompletableFuture.anyOf(doorClosed, system.whenTerminated(street));
            if (!pace.await(dayOver::isDone, dayLimit(options), dayTimeout(options, clock), Duration.ofMinutes(1))) {
                throw new java.util.concurrent.TimeoutException("the day did not end in time");
            }
            door.tell(Door.Close.INSTANCE);
            long closedAt = doorClosed.get(10, TimeUnit.SECONDS);
            pace.settle();
            long inFlightAtClosing = ledger.inFlight();

            // closing: finish what is in flight, within the deadline
            boolean finished = pace.await(() -> ledger.settled() == ledger.placed.sum()
                    && ledger.ordersTaken.sum() == ledger.asked.sum() - ledger.rejectedAtTill.sum()
                    && ledger.inFlight() == 0, options.closing(), max(clock.toReal(options.closing()), MIN_CLOSING),
                    Duration.ofSeconds(1));
            long finishedAt = clock.now();

            Map<String, Integer> restarts = restarts(manager);
            if (line != null) {
                system.stop(line);
                system.whenTerminated(line).get(5, TimeUnit.SECONDS);
            }
            ShutdownReport lightsOut = system.shutdown(LIGHTS_OUT);
            return new Day(options, ledger, restarts, managerGaveUp.getNow(null), system.deadLetters().counts(),
                    audit, timer.snapshot(), lightsOut, Duration.ofNanos(closedAt), inFlightAtClosing,
                    Duration.ofNanos(Math.max(0, finishedAt - closedAt)), finished,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            system.shutdown(LIGHTS_OUT); // returns the first report if the day already shut down
        }
    }

    private static Map<String, Integer> restarts(Supervisor manager) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChildInfo c : manager.children()) {
            out.put(c.id(), c.restarts());
        }
        return out;
    }

    /** The expected length of the day, simulated: the customers' arrivals, or the latest arrival time. */
    private static Duration expectedDay(Options o) {
        Duration expected = Duration.ofNanos((long) (o.customers() * 60e9 / o.arrivalRate()));
        return !o.duration().isZero() && o.duration().compareTo(expected) < 0 ? o.duration() : expected;
    }

    /** Generously long, in real time: twice the expected day plus half a minute. */
    private static Duration dayTimeout(Options o, SimClock clock) {
        return clock.toReal(expectedDay(o)).multipliedBy(2).plusSeconds(30);
    }

    /** Generously long, in simulated time: twice the expected day plus an hour. */
    private static Duration dayLimit(Options o) {
        return expectedDay(o).multipliedBy(2).plusHours(1);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
