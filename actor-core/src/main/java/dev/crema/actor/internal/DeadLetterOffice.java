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
        CremaEvents.deadLettered(recipient, message, reason, 1);
        DeadLetter letter = toSubscribers(recipient, message, reason, cause);
        // a FAILED one is told by the failure's own line (which names the message): one failure, one line
        if (reason != DeadLetterReason.FAILED && LOG.isWarnEnabled() && shouldLog()) {
            LOG.warn("{}", letter != null ? letter : new DeadLetter(recipient, message, reason, cause));
        }
    }

    /** Hands a dead letter to the subscribers, if any; returns it, or null if there were none. */
    private DeadLetter toSubscribers(String recipient, Object message, DeadLetterReason reason, Throwable cause) {
        if (subscribers.isEmpty()) {
            return null;
        }
        DeadLetter letter = new DeadLetter(recipient, message, reason, cause);
        for (Consumer<? super DeadLetter> s : subscribers) {
            try {
                s.accept(letter);
            } catch (Throwable t) {
                LOG.error("a dead letter subscriber threw; it stays subscribed", t);
            }
        }
        return letter;
    }

    /**
     * Starts dead-lettering a backlog (the rest of a stopping actor's mailbox) as one event: every message
     * still reaches the subscribers, but it is counted once and logged in one line, so that dead-lettering a
     * million messages costs a poll and a count each, not a log decision each.
     */
    Backlog backlog(String recipient, DeadLetterReason reason) {
        return new Backlog(recipient, reason);
    }

    /** One backlog being dead-lettered; used by one thread (the stopping actor's), then closed. */
    final class Backlog implements Consumer<Object> {
        private final String recipient;
        private final DeadLetterReason reason;
        private final boolean subscribed = !subscribers.isEmpty();
        private Object first;
        private long n;

        private Backlog(String recipient, DeadLetterReason reason) {
            this.recipient = recipient;
            this.reason = reason;
        }

        /** One more message of the backlog. */
        @Override
        public void accept(Object message) {
            if (n++ == 0) {
                first = message;
            }
            if (subscribed) {
                toSubscribers(recipient, message, reason, null);
            }
        }

        /** Whether anyone must see each message; if not, the backlog may be counted without visiting it. */
        boolean subscribed() {
            return subscribed;
        }

        /** {@code count} more messages of the backlog, that no subscriber needs to see one by one. */
        void addCounted(long count) {
            n += count;
        }

        /** {@return how many messages were dead-lettered} */
        long close() {
            if (n == 0) {
                return 0;
            }
            counts[reason.ordinal()].add(n);
            CremaEvents.deadLettered(recipient, first, reason, n);
            if (LOG.isWarnEnabled() && shouldLog()) {
                if (first == null) {
                    LOG.warn("{} messages to {} dead-lettered ({})", n, recipient, reason);
                } else if (n == 1) {
                    LOG.warn("{}", new DeadLetter(recipient, first, reason, null));
                } else {
                    LOG.warn("{} messages to {} dead-lettered ({}), the first {}", n, recipient, reason, first);
                }
            }
            return n;
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
