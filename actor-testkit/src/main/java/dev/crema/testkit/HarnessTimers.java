package dev.crema.testkit;

import dev.crema.actor.Timers;
import dev.crema.testkit.internal.Durations;
import dev.crema.testkit.internal.VirtualTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The timers of the actor under an {@link ActorHarness}, on the harness's virtual time, with the runtime's
 * rules: keyed (a start replaces the active timer of the same key), a tick travels through the mailbox, a
 * cancelled or replaced timer's tick is dropped even if already queued, and a single timer stays active
 * until its tick is handled. Starts and explicit cancels are recorded as {@link Effect}s.
 *
 * <p>Not thread-safe: the harness's thread only (checked by {@link HarnessEngine#checkOwner}).
 *
 * @param <M> the actor's message type
 */
final class HarnessTimers<M> implements Timers<M> {

    /** A tick in the mailbox: which start of which timer it belongs to. */
    record Tick(Object key, Active active) {
    }

    /** One start of a timer; a later start of the same key is a new {@code Active}. */
    static final class Active {
        final Object message;
        final boolean periodic;
        VirtualTimeline.Entry entry;

        Active(Object message, boolean periodic) {
            this.message = message;
            this.periodic = periodic;
        }
    }

    private final HarnessEngine<M> engine;
    private final Map<Object, Active> active = new HashMap<>();

    HarnessTimers(HarnessEngine<M> engine) {
        this.engine = engine;
    }

    @Override
    public void startSingle(Object key, M message, Duration delay) {
        start(key, message, delay, false, "delay");
    }

    @Override
    public void startPeriodic(Object key, M message, Duration interval) {
        start(key, message, interval, true, "interval");
    }

    private void start(Object key, M message, Duration delay, boolean periodic, String what) {
        engine.checkOwner("timers");
        Objects.requireNonNull(key, "timer key must not be null");
        Objects.requireNonNull(message, "timer message must not be null");
        Durations.requirePositive(delay, "timer " + what);
        silentlyCancel(key);
        Active a = new Active(message, periodic);
        long nanos = Durations.saturatedNanos(delay);
        a.entry = engine.timeline.schedule(() -> engine.enqueue(new Tick(key, a)), nanos, periodic ? nanos : 0);
        active.put(key, a);
        engine.effect(new Effect.TimerStarted(key, message, delay, periodic));
    }

    @Override
    public boolean cancel(Object key) {
        engine.checkOwner("timers");
        Objects.requireNonNull(key, "timer key must not be null");
        if (!silentlyCancel(key)) {
            return false;
        }
        engine.effect(new Effect.TimerCancelled(key));
        return true;
    }

    @Override
    public boolean isActive(Object key) {
        engine.checkOwner("timers");
        return active.containsKey(key);
    }

    @Override
    public void cancelAll() {
        engine.checkOwner("timers");
        for (Object key : new ArrayList<>(active.keySet())) {
            cancel(key);
        }
    }

    /** Cancels every timer without recording effects: a restart or a stop does this. */
    void cancelAllSilently() {
        for (Active a : active.values()) {
            engine.timeline.cancel(a.entry);
        }
        active.clear();
    }

    /** {@return the keys of the active timers} */
    Set<Object> keys() {
        return Set.copyOf(active.keySet());
    }

    /**
     * A tick came up in the mailbox.
     *
     * @return its message, or {@code null} if its timer was cancelled or replaced since: the tick is dropped
     */
    Object take(Tick tick) {
        if (active.get(tick.key()) != tick.active()) {
            return null;
        }
        if (!tick.active().periodic) {
            active.remove(tick.key()); // inactive while its message is handled, as in the runtime
        }
        return tick.active().message;
    }

    private boolean silentlyCancel(Object key) {
        Active old = active.remove(key);
        if (old == null) {
            return false;
        }
        engine.timeline.cancel(old.entry);
        return true;
    }
}
