package dev.crema.actor.internal;

import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Counts, logs and publishes undeliverable messages.
 *
 * <h2>Concurrency</h2>
 * Any thread publishes. Counters are {@link LongAdder}s (publishers do not contend). Subscribers live in
 * a copy-on-write list. The WARN log is rate limited per one-second window: {@code window} holds the
 * window's start, {@code logged} how many were logged in it, {@code suppressed} how many were not; the
 * thread that opens a new window reports the previous window's suppressed count. Races only shift a
 * message across a window boundary; every dead letter is still counted exactly once.
 */
final class DeadLetterOffice implements DeadLetters {

    private static final Logger LOG = Loggers.DEAD_LETTERS;
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

    private final LongAdder[] counts = new LongAdder[REASONS.length];
    private final CopyOnWriteArrayList<Consumer<? super DeadLetter>> subscribers = new CopyOnWriteArrayList<>();
    private final int logLimit;
    private final AtomicLong window = new AtomicLong(System.nanoTime());
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    DeadLetterOffice(int logLimit) {
        this.logLimit = logLimit;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one dead letter. Any thread; never throws. */
    void publish(String recipient, Object message, DeadLetterReason reason, Throwable cause) {
        counts[reason.ordinal()].increment();
        DeadLetter letter = null;
        if (!subscribers.isEmpty()) {
            letter = new DeadLetter(recipient, message, reason, cause);
            for (Consumer<? super DeadLetter> s : subscribers) {
                try {
                    s.accept(letter);
                } catch (Throwable t) {
                    LOG.error("a dead letter subscriber threw; it stays subscribed", t);
                }
            }
        }
        if (LOG.isWarnEnabled() && shouldLog()) {
            LOG.warn("{}", letter != null ? letter : new DeadLetter(recipient, message, reason, cause));
        }
    }

    @Override
    public void publish(DeadLetter letter) {
        Objects.requireNonNull(letter, "dead letter must not be null");
        publish(letter.recipient(), letter.message(), letter.reason(), letter.cause());
    }

    private boolean shouldLog() {
        long now = System.nanoTime();
        long start = window.get();
        if (now - start >= WINDOW_NANOS && window.compareAndSet(start, now)) {
            logged.set(0);
            long missed = suppressed.getAndSet(0);
            if (missed > 0) {
                LOG.warn("{} more dead letters in the last second were counted but not logged", missed);
            }
        }
        if (logged.incrementAndGet() <= logLimit) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    @Override
    public long count(DeadLetterReason reason) {
        Objects.requireNonNull(reason, "reason must not be null");
        return counts[reason.ordinal()].sum();
    }

    @Override
    public long total() {
        long sum = 0;
        for (LongAdder c : counts) {
            sum += c.sum();
        }
        return sum;
    }

    @Override
    public Map<DeadLetterReason, Long> counts() {
        Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : REASONS) {
            out.put(r, counts[r.ordinal()].sum());
        }
        return out;
    }

    @Override
    public Subscription subscribe(Consumer<? super DeadLetter> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Logs the current window's suppressed count, if any (at shutdown, so no count goes unreported). */
    void flushSummary() {
        long missed = suppressed.getAndSet(0);
        if (missed > 0) {
            LOG.warn("{} more dead letters were counted but not logged", missed);
        }
    }
}
