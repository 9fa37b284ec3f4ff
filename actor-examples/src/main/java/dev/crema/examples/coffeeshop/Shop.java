package dev.crema.examples.coffeeshop;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.Mailbox;
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
import java.util.function.BooleanSupplier;

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
        SimClock clock = new SimClock(options.speedUp());
        Ledger ledger = new Ledger(options.customers(), clock);
        LatencyTimer timer = new LatencyTimer();
        DeadLetterAudit audit = new DeadLetterAudit();
        CompletableFuture<Throwable> managerGaveUp = new CompletableFuture<>();
        ActorSystem system = ActorSystem.create("coffee-shop", SystemConfig.defaults()
                .withTopLevelFailureHandler((sys, actor, cause) -> managerGaveUp.complete(cause)));
        DeadLetters.Subscription watching = system.deadLetters().subscribe(audit);
        try (watching) { // the audit hears every dead letter of the day; unsubscribed when the day ends
            SpawnOptions timed = SpawnOptions.defaults().withInterceptor(timer);

            Addr<PickupCounter.Ready> counter = system.spawn("pickup-counter", ctx -> new PickupCounter(ledger), timed);
            system.registry().register(PickupCounter.NAME, counter);

            Addr<OrderQueue.Msg> queue = system.spawn("order-queue",
                    ctx -> new OrderQueue(ctx, options, clock, ledger), timed);

            Duration brew = options.brewTime();
            ChildSpec<Barista.Msg> barista = ChildSpec.<Barista.Msg>worker("barista",
                            ctx -> new Barista(ctx, options, clock, queue))
                    .withBackoff(Backoff.exponential(clock.toReal(brew.dividedBy(6)), clock.toReal(brew.multipliedBy(2))))
                    .withSpawnOptions(timed.withMailbox(Mailbox.bounded(4)));
            Supervisor manager = Supervisor.start(system, "manager", SupervisorSpec.pool(barista)
                    .withIntensity(options.maxRestarts(), clock.toReal(Duration.ofHours(1))));
            for (int i = 0; i < options.baristas(); i++) {
                manager.startChild().get(10, TimeUnit.SECONDS);
            }

            Addr<Cashier.Order> cashier = system.spawn("cashier", ctx -> new Cashier(queue, ledger),
                    timed.withMailbox(Mailbox.bounded(options.cashierMailbox())));
            system.registry().register(Cashier.NAME, cashier);

            CompletableFuture<Long> doorClosed = new CompletableFuture<>();
            Addr<Door.Msg> door = system.spawn("door", ctx -> new Door(ctx, options, clock, ledger, doorClosed), timed);
            Addr<Street.Tick> street = system.spawn("street", ctx -> new Street(ctx, options, clock, ledger, door), timed);
            Addr<ProgressLine.Tick> line = progress == null ? null : system.spawn("progress",
                    ctx -> new ProgressLine(ctx, progress, clock, ledger, () -> restarts(manager).values().stream()
                            .mapToInt(Integer::intValue).sum()),
                    SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));

            // the day: the street closes the door after its last customer (or if it fails, we do)
            CompletableFuture.anyOf(doorClosed, system.whenTerminated(street)).get(dayTimeout(options, clock), TimeUnit.NANOSECONDS);
            door.tell(Door.Close.INSTANCE);
            long closedAt = doorClosed.get(10, TimeUnit.SECONDS);
            long inFlightAtClosing = ledger.inFlight();

            // closing: finish what is in flight, within the deadline
            Duration closing = max(clock.toReal(options.closing()), MIN_CLOSING);
            boolean finished = awaitUntil(() -> ledger.settled() == ledger.placed.sum()
                    && ledger.ordersTaken.sum() == ledger.asked.sum() - ledger.rejectedAtTill.sum()
                    && ledger.inFlight() == 0, closing);
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

    /** Generously long: twice the expected day plus half a minute. */
    private static long dayTimeout(Options o, SimClock clock) {
        Duration expected = Duration.ofNanos((long) (o.customers() * 60e9 / o.arrivalRate()));
        if (!o.duration().isZero() && o.duration().compareTo(expected) < 0) {
            expected = o.duration();
        }
        return clock.toReal(expected).multipliedBy(2).plusSeconds(30).toNanos();
    }

    /** Polls the ledger (the main thread is not an actor's, so it may wait); bounded by the deadline. */
    private static boolean awaitUntil(BooleanSupplier done, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
