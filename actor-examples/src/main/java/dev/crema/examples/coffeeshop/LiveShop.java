package dev.crema.examples.coffeeshop;

import dev.crema.actor.Addr;
import dev.crema.actor.inspect.SystemSnapshot;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The coffee shop kept open until it is told to close: the live mode behind the browser view
 * ({@code actor-examples-web}). It runs the same actors as the command-line day ({@link CoffeeShop}), on real
 * time, sped up, and takes four commands: open the doors, set the burn rate, hire a barista, close the shop.
 * <pre>{@code
 * LiveShop shop = LiveShop.start("--seed", "7");      // staff in place, doors shut: nobody comes yet
 * shop.openDoors();                                   // customers arrive from now on
 * shop.setBurnRatePercent(30);                        // 30 % of the brews burn from the next one on
 * shop.addBarista();                                  // one more in the manager's pool
 * LiveCounters now = shop.counters();                 // read at any time, from any thread
 * LiveReport report = shop.closeAsync().join();       // close the door, finish what is in flight, lights out
 * }</pre>
 * It takes the command line's options ({@code --help} lists them), over live defaults that differ from the
 * day's: up to a million customers, 100x real time, and a manager that tolerates 100 000 restarts an hour, so
 * that a burn rate of 100 % fills the screen with restarts instead of ending the shop. {@code --deterministic}
 * has no live mode. The street closes the door by itself once every customer has come.
 *
 * <p>Thread-safety: every method may be called from any thread, actors' included; none blocks except
 * {@link #close()}. The phase moves only forward ({@link Phase}), under this object's lock; the closing runs on
 * a thread of its own, started once, and its future completes with the report.
 */
public final class LiveShop implements AutoCloseable {

    /** Where the shop is in its day; it only moves forward. */
    public enum Phase {
        /** The staff are in place and the doors shut: nobody comes yet. */
        READY,
        /** The doors are open: customers arrive. */
        OPEN,
        /** Closing: the door is shut and the staff finish what is in flight. */
        CLOSING,
        /** The lights are out; the report is ready. */
        CLOSED
    }

    /** The most baristas a live shop hires. */
    public static final int MAX_BARISTAS = 12;

    private static final String[] LIVE_DEFAULTS = {"--customers", "1000000", "--speed-up", "100",
            "--max-restarts", "100000"};

    private final ShopFloor floor;
    private final CompletableFuture<LiveReport> report = new CompletableFuture<>();
    private volatile int burnRatePercent; // written under the lock, read by the baristas when a brew is done
    private volatile Phase phase = Phase.READY; // written under the lock
    private volatile SystemSnapshot finalActors;       // the last look before the lights went out
    private volatile Map<String, Integer> finalRestarts; // the manager's last count, from the day
    private int baristas;                  // guarded by this
    private Addr<Street.Tick> street;      // guarded by this

    private LiveShop(Options options) throws Exception {
        this.burnRatePercent = (int) Math.round(options.failureRate() * 100);
        this.baristas = options.baristas();
        this.floor = ShopFloor.open(options, () -> burnRatePercent / 100.0);
    }

    /**
     * Opens the premises and starts the staff, doors shut.
     *
     * @param args the command line's options, e.g. {@code --seed 7 --baristas 3}
     * @return the shop, {@link Phase#READY}
     * @throws IllegalArgumentException naming the option, for anything unknown or out of range, for
     *                                  {@code --deterministic} and for {@code --help}
     * @throws Exception                if the staff did not start
     */
    public static LiveShop start(String... args) throws Exception {
        String[] all = Arrays.copyOf(LIVE_DEFAULTS, LIVE_DEFAULTS.length + args.length);
        System.arraycopy(args, 0, all, LIVE_DEFAULTS.length, args.length); // given options win over the defaults
        Options options = Options.parse(all);
        if (options == null) {
            throw new IllegalArgumentException("the live shop takes the coffee shop's options:\n" + Options.usage());
        }
        if (options.deterministic()) {
            throw new IllegalArgumentException("--deterministic has no live mode: a live shop runs on real time");
        }
        if (options.baristas() > MAX_BARISTAS) {
            throw new IllegalArgumentException("--baristas must be at most " + MAX_BARISTAS + " for the live shop, got "
                    + options.baristas());
        }
        return new LiveShop(options);
    }

    /** {@return where the shop is in its day} */
    public Phase phase() {
        return phase;
    }

    /**
     * Opens the doors: customers arrive from now on.
     *
     * @return {@code true} if this call opened them, {@code false} if they were open already
     * @throws IllegalStateException if the shop is closing or closed
     */
    public synchronized boolean openDoors() {
        requireNotClosing("open the doors");
        if (phase == Phase.OPEN) {
            return false;
        }
        street = floor.spawnStreet(floor.clock.now());
        phase = Phase.OPEN;
        return true;
    }

    /**
     * Sets the chance that a brew burns, from the next brew that finishes on.
     *
     * @param percent 0 to 100
     * @throws IllegalArgumentException if {@code percent} is out of range
     * @throws IllegalStateException    if the shop is closing or closed
     */
    public synchronized void setBurnRatePercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("burn rate must be from 0 to 100 %, got " + percent);
        }
        requireNotClosing("set the burn rate");
        burnRatePercent = percent;
    }

    /**
     * Asks the manager to hire one more barista; it starts a moment later and shows in {@link #counters()} then.
     *
     * @return how many baristas the shop has hired, this one included
     * @throws IllegalStateException if {@link #MAX_BARISTAS} are hired already, or the shop is closing or closed
     */
    public synchronized int addBarista() {
        requireNotClosing("hire a barista");
        if (baristas >= MAX_BARISTAS) {
            throw new IllegalStateException("the shop has " + MAX_BARISTAS + " baristas, the most it hires");
        }
        floor.hireBarista(); // a manager that gave up refuses it; the restarts map then shows no new barista
        return ++baristas;
    }

    /** {@return the shop's numbers now} */
    public LiveCounters counters() {
        Map<String, Integer> restarts = finalRestarts;
        return LiveCounters.read(phase, floor, burnRatePercent, restarts != null ? restarts : floor.restarts());
    }

    /**
     * {@return the shop's actors now: mailboxes, restarts, dead letters ({@code ActorSystem.inspect()}); once closed,
     * the last look before the lights went out}
     */
    public SystemSnapshot inspect() {
        SystemSnapshot last = finalActors;
        return last != null ? last : floor.system.inspect();
    }

    /** {@return the report, once the shop has closed} */
    public CompletableFuture<LiveReport> whenClosed() {
        return report.copy();
    }

    /**
     * Closes the shop: the street stops, the door closes, the staff finish what is in flight (within
     * {@code --closing}), the lights go out. Runs on a thread of its own; calling it again returns the same
     * outcome.
     *
     * @return completes with the report, or with what went wrong while closing
     */
    public synchronized CompletableFuture<LiveReport> closeAsync() {
        if (phase == Phase.READY || phase == Phase.OPEN) {
            phase = Phase.CLOSING;
            Addr<Street.Tick> walking = street;
            Thread closing = new Thread(() -> closeUp(walking), "coffee-shop-closing");
            closing.setDaemon(false); // the books are written even if main has returned
            closing.start();
        }
        return whenClosed();
    }

    /** Closes the shop and waits for the report ({@link #closeAsync()}). */
    @Override
    public void close() {
        closeAsync().join();
    }

    private void closeUp(Addr<Street.Tick> walking) {
        try {
            if (walking != null) { // nobody new arrives while the door closes
                floor.system.stop(walking);
                floor.system.whenTerminated(walking).get(10, TimeUnit.SECONDS);
            }
            Day day = floor.closeUp(() -> finalActors = floor.system.inspect());
            finalRestarts = day.restarts();
            synchronized (this) {
                phase = Phase.CLOSED;
            }
            report.complete(LiveReport.of(day, counters()));
        } catch (Throwable t) {
            report.completeExceptionally(t);
        } finally {
            floor.close();
            synchronized (this) {
                phase = Phase.CLOSED;
            }
        }
    }

    private void requireNotClosing(String what) {
        if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
            throw new IllegalStateException("cannot " + what + ": the shop is " + phase.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
