package dev.crema.examples.coffeeshop;

import dev.crema.actor.Addr;
import dev.crema.actor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Middleware: times every delivery to every shop actor (failed ones included) and keeps, per actor, how
 * many messages it handled, in how many deliveries (a batch actor gets many messages per delivery), and
 * the mean and longest time in its handler. The report prints the table.
 *
 * <p>Shows: {@code Interceptor}, set with {@code SpawnOptions.withInterceptor}. One instance serves every
 * actor at once, so it is thread-safe; it calls {@code next.proceed()} exactly once and lets failures
 * through untouched, so the supervisor still sees them.
 */
final class LatencyTimer implements Interceptor {

    /** One actor's numbers. */
    record Stats(long messages, long deliveries, long totalNanos, long maxNanos) {}

    private static final class Cell {
        final LongAdder messages = new LongAdder();
        final LongAdder deliveries = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAccumulator max = new LongAccumulator(Math::max, 0);
    }

    private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();

    @Override
    public void intercept(Addr<?> self, Object message, Delivery next) throws Exception {
        long start = System.nanoTime();
        try {
            next.proceed();
        } finally {
            long took = System.nanoTime() - start;
            Cell c = cells.computeIfAbsent(name(self), k -> new Cell());
            c.messages.add(message instanceof List<?> batch ? batch.size() : 1);
            c.deliveries.increment();
            c.nanos.add(took);
            c.max.accumulate(took);
        }
    }

    /** @return actor name (the path after {@code /user/}) to its numbers, sorted by name */
    Map<String, Stats> snapshot() {
        Map<String, Stats> out = new TreeMap<>();
        cells.forEach((name, c) -> out.put(name,
                new Stats(c.messages.sum(), c.deliveries.sum(), c.nanos.sum(), c.max.get())));
        return out;
    }

    private static String name(Addr<?> addr) {
        String path = addr.path();
        int user = path.indexOf("/user/");
        return user < 0 ? path : path.substring(user + "/user/".length());
    }
}
