package dev.crema.actor.internal;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.actor.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An actor's keyed timers. Each active timer is an {@link Entry}, and the entry itself travels through
 * the mailbox as the tick (no allocation per tick). When a tick comes up, it is delivered only if its
 * entry is still the active one for its key, which is how a cancelled or replaced timer's queued ticks
 * are never delivered.
 *
 * <h2>Concurrency</h2>
 * The map is owned by the actor's thread (all {@link Timers} methods check it). The scheduler thread
 * only runs {@link Entry#run()}, which reads the final fields and the volatile {@code cancelled} flag and
 * offers the entry to the mailbox.
 */
final class ActorTimers<M> implements Timers<M> {

    private final ActorCell<M> cell;
    private final Map<Object, Entry> active = new HashMap<>();

    ActorTimers(ActorCell<M> cell) {
        this.cell = cell;
    }

    @Override
    public void startSingle(Object key, M message, Duration delay) {
        start(key, message, delay, false);
    }

    @Override
    public void startPeriodic(Object key, M message, Duration interval) {
        start(key, message, interval, true);
    }

    private void start(Object key, M message, Duration delay, boolean periodic) {
        cell.checkThread();
        Objects.requireNonNull(key, "timer key must not be null");
        Objects.requireNonNull(message, "timer message must not be null");
        long nanos = Checks.positiveNanos(delay, periodic ? "timer interval" : "timer delay");
        Entry e = new Entry(cell, key, message, periodic);
        Entry old = active.put(key, e);
        if (old != null) {
            old.cancel();
        }
        Timeline scheduler = cell.runtime().timers();
        e.task = periodic ? scheduler.scheduleAtFixedRate(e, nanos) : scheduler.schedule(e, nanos);
    }

    @Override
    public boolean cancel(Object key) {
        cell.checkThread();
        Objects.requireNonNull(key, "timer key must not be null");
        Entry e = active.remove(key);
        if (e != null) {
            e.cancel();
        }
        return e != null;
    }

    @Override
    public boolean isActive(Object key) {
        cell.checkThread();
        return active.containsKey(key);
    }

    @Override
    public void cancelAll() {
        if (active.isEmpty()) {
            return;
        }
        for (Entry e : new ArrayList<>(active.values())) {
            e.cancel();
        }
        active.clear();
    }

    /** One active timer; also the tick in the mailbox. */
    static final class Entry extends Envelope implements Runnable {
        private final ActorCell<?> cell;
        private final Object key;
        private final Object message;
        private final boolean periodic;
        private volatile boolean cancelled;
        volatile Timeline.Timer task;

        Entry(ActorCell<?> cell, Object key, Object message, boolean periodic) {
            this.cell = cell;
            this.key = key;
            this.message = message;
            this.periodic = periodic;
        }

        Object message() {
            return message;
        }

        void cancel() {
            cancelled = true;
            Timeline.Timer t = task;
            if (t != null) {
                t.cancel();
            }
        }

        /** Owner thread: whether this entry is still the active timer for its key. */
        boolean isCurrent() {
            CellState s = cell.stateOrNull();
            return s != null && s.timers != null && s.timers.active.get(key) == this;
        }

        @Override
        public Object forDeadLetter() {
            return isCurrent() ? message : null;
        }

        /** Owner thread: the message to deliver for this tick, or null if the timer is no longer active. */
        @Override
        public Object open(ActorCell<?> owner) {
            CellState s = owner.stateOrNull();
            if (s == null || s.timers == null || s.timers.active.get(key) != this) {
                return null;
            }
            if (!periodic) {
                s.timers.active.remove(key);
            }
            return message;
        }

        /** Scheduler thread: the timer fired. */
        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            SendResult r = cell.offer(this);
            // STOPPED: the actor is stopping, and a stop cancels all its timers (Timers' contract); the stop
            // closed the mailbox before its turn got to cancelling them, so this is a cancelled timer's tick
            if (r == SendResult.FULL && !cancelled) {
                DeadLetterReason reason = cell.reasonFor(r);
                cell.runtime().deadLetters().publish(cell.path(), message, reason, null);
            }
        }
    }
}
