package dev.crema.examples.coffeeshop;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetters;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The shop's premises from opening to lights out: its actor system, its books and its staff. The staff start
 * in the order they depend on each other, so that the graceful shutdown, which stops them in reverse order,
 * stops the street first and the pickup counter last:
 * <pre>
 *   pickup-counter, order-queue, manager (baristas), cashier, door, then the street (and the progress line)
 * </pre>
 * {@link Shop} runs a day on it; {@link LiveShop} keeps it open until told to close. Closing
 * ({@link #closeUp}): the door closes, the staff finish every order in flight (each customer has an answer or
 * has given up, and every order taken has been answered) within the closing deadline, then
 * {@code system.shutdown} turns the lights off and reports.
 *
 * <p>Owned by one thread at a time: the one that opened it, or the one that closes it (a live shop hands it
 * over under its own lock). The actors and the ledger it holds are thread-safe.
 */
final class ShopFloor implements AutoCloseable {

    private static final Duration LIGHTS_OUT = Duration.ofSeconds(5);
    private static final Duration MIN_CLOSING = Duration.ofSeconds(2);

    /** What runs between closing the door and turning the lights out, e.g. stopping the progress line. */
    @FunctionalInterface
    interface BeforeLightsOut {
        void run() throws Exception;
    }

    final long startNanos = System.nanoTime();
    final Options options;
    final SimClock clock;
    final Pace pace;
    final Ledger ledger;
    final ActorSystem system;
    final SpawnOptions timed;
    final Supervisor manager;
    final Addr<Door.Msg> door;
    final CompletableFuture<Long> doorClosed = new CompletableFuture<>();
    private final LatencyTimer timer = new LatencyTimer();
    private final DeadLetterAudit audit = new DeadLetterAudit();
    private final CompletableFuture<Throwable> managerGaveUp = new CompletableFuture<>();
    private final DeadLetters.Subscription watching;
    private final ChildSpec<Barista.Msg> barista;

    private ShopFloor(Options options, DoubleSupplier burnRate) throws Exception {
        ManualClock manual = options.deterministic() ? ManualClock.create(Duration.ofSeconds(30)) : null;
        this.options = options;
        this.clock = manual != null ? new SimClock(manual) : new SimClock(options.speedUp());
        this.pace = Pace.of(clock, manual);
        this.ledger = new Ledger(options.customers(), clock);
        SystemConfig config = SystemConfig.defaults()
                .withTopLevelFailureHandler((sys, actor, cause) -> managerGaveUp.complete(cause));
        this.system = ActorSystem.create("coffee-shop", manual == null ? config
                : config.withManualClock(manual).withParallelism(1));
        this.watching = system.deadLetters().subscribe(audit); // the audit hears every dead letter of the day
        this.timed = SpawnOptions.defaults().withInterceptor(timer);
        try {
            // in the deterministic mode each step settles before the next, so the start order is the same every run
            Addr<PickupCounter.Ready> counter = system.spawn("pickup-counter", ctx -> new PickupCounter(ledger), timed);
            system.registry().register(PickupCounter.NAME, counter);

            Addr<OrderQueue.Msg> queue = system.spawn("order-queue",
                    ctx -> new OrderQueue(ctx, options, clock, ledger), timed);
            pace.settle();

            Duration brew = options.brewTime();
            Backoff backoff = Backoff.exponential(clock.toReal(brew.dividedBy(6)), clock.toReal(brew.multipliedBy(2)));
            this.barista = ChildSpec.<Barista.Msg>worker("barista",
                            ctx -> new Barista(ctx, options, burnRate, clock, queue))
                    .withBackoff(clock.isManual() ? backoff.withJitter(0) : backoff) // jitter draws from no seed
                    .withSpawnOptions(timed.withMailbox(Mailbox.bounded(4)));
            this.manager = Supervisor.start(system, "manager", SupervisorSpec.pool(barista)
                    .withIntensity(options.maxRestarts(), clock.toReal(Duration.ofHours(1))));
            for (int i = 0; i < options.baristas(); i++) {
                manager.startChild().get(10, TimeUnit.SECONDS);
                pace.settle();
            }

            Addr<Cashier.Order> cashier = system.spawn("cashier", ctx -> new Cashier(queue, ledger, options),
                    timed.withMailbox(Mailbox.bounded(options.cashierMailbox())));
            system.registry().register(Cashier.NAME, cashier);
            pace.settle();

            this.door = system.spawn("door", ctx -> new Door(ctx, options, clock, ledger, doorClosed), timed);
            pace.settle();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Opens the premises and starts the staff; the street is not there yet ({@link #spawnStreet}).
     *
     * @param burnRate the chance that a brew burns, read at the end of every brew
     */
    static ShopFloor open(Options options, DoubleSupplier burnRate) throws Exception {
        return new ShopFloor(options, burnRate);
    }

    /**
     * Starts the street: customers arrive from now on.
     *
     * @param opensAt the simulated time the first gap is counted from ({@link SimClock#now()})
     */
    Addr<Street.Tick> spawnStreet(long opensAt) {
        return system.spawn("street", ctx -> new Street(ctx, options, clock, ledger, door, opensAt), timed);
    }

    /** Asks the manager for one more barista; completes with its address once it has started. */
    CompletableFuture<Addr<Barista.Msg>> hireBarista() {
        return manager.startPoolChild(barista);
    }

    /**
     * Closes the door, lets the staff finish what is in flight (within the closing deadline), runs {@code before}
     * and turns the lights out. Blocks: call it from a thread that may wait, never from an actor's.
     *
     * @return the day's numbers
     */
    Day closeUp(BeforeLightsOut before) throws Exception {
        door.tell(Door.Close.INSTANCE);
        long closedAt = doorClosed.get(10, TimeUnit.SECONDS);
        pace.settle();
        long inFlightAtClosing = ledger.inFlight();

        boolean finished = pace.await(() -> ledger.settled() == ledger.placed.sum()
                && ledger.ordersTaken.sum() == ledger.asked.sum() - ledger.rejectedAtTill.sum()
                && ledger.inFlight() == 0, options.closing(), max(clock.toReal(options.closing()), MIN_CLOSING),
                Duration.ofSeconds(1));
        long finishedAt = clock.now();

        Map<String, Integer> restarts = restarts();
        before.run();
        ShutdownReport lightsOut = system.shutdown(LIGHTS_OUT);
        return new Day(options, ledger, restarts, managerGaveUp.getNow(null), system.deadLetters().counts(),
                audit, timer.snapshot(), lightsOut, Duration.ofNanos(closedAt), inFlightAtClosing,
                Duration.ofNanos(Math.max(0, finishedAt - closedAt)), finished,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** {@return restarts per barista, from the supervisor's {@code children()}} */
    Map<String, Integer> restarts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChildInfo c : manager.children()) {
            out.put(c.id(), c.restarts());
        }
        return out;
    }

    /** {@return the failure that made the manager give up, or null} */
    Throwable managerGaveUp() {
        return managerGaveUp.getNow(null);
    }

    /** {@return dead letters the audit could not explain so far} */
    DeadLetterAudit audit() {
        return audit;
    }

    /** Unsubscribes the audit and shuts the system down; returns at once if {@link #closeUp} already did. */
    @Override
    public void close() {
        watching.close();
        system.shutdown(LIGHTS_OUT); // returns the first report if the day already shut down
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
