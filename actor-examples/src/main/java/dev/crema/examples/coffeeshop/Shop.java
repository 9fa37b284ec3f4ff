package dev.crema.examples.coffeeshop;

import dev.crema.actor.Addr;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.ManualClock;
import dev.crema.actor.SpawnOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens the shop ({@link ShopFloor}), runs one day and closes it. The street closes the door after the last
 * customer; then the staff finish every order in flight, within the closing deadline; then
 * {@code system.shutdown} turns the lights off and reports.
 *
 * <p>In the deterministic mode ({@code --deterministic}) the system runs on a {@link ManualClock} and one thread
 * ({@code withParallelism(1)}), the supervisor's backoff has no jitter, and the main thread moves the clock
 * itself ({@link Pace}): each timer fires only once the system is quiet, so every message is handled in an
 * order that depends on nothing but the seed, and the same seed gives the same report (the runtime turns its
 * real-time hand-off slots off under a manual clock for that reason).
 */
final class Shop {

    private Shop() {
    }

    /**
     * Runs a day.
     *
     * @param progress where to draw the live progress line, or {@code null} for none
     * @return the day's numbers
     */
    static Day run(Options options, PrintStream progress) throws Exception {
        try (ShopFloor floor = ShopFloor.open(options, options::failureRate)) {
            Addr<Street.Tick> street = floor.spawnStreet(0);
            Addr<ProgressLine.Tick> line = progress == null ? null : floor.system.spawn("progress",
                    ctx -> new ProgressLine(ctx, progress, floor.clock, floor.ledger, () -> floor.restarts().values()
                            .stream().mapToInt(Integer::intValue).sum()),
                    SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));

            // the day: the street closes the door after its last customer (or if it fails, we do)
            CompletableFuture<?> dayOver = CompletableFuture.anyOf(floor.doorClosed, floor.system.whenTerminated(street));
            if (!floor.pace.await(dayOver::isDone, dayLimit(options), dayTimeout(options, floor.clock),
                    Duration.ofMinutes(1))) {
                throw new java.util.concurrent.TimeoutException("the day did not end in time");
            }
            return floor.closeUp(() -> {
                if (line != null) {
                    floor.system.stop(line);
                    floor.system.whenTerminated(line).get(5, TimeUnit.SECONDS);
                }
            });
        }
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
}
