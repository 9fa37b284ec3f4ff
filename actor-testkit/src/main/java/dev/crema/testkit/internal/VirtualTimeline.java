package dev.crema.testkit.internal;

import java.util.PriorityQueue;

/**
 * The synchronous harness's time: it only moves when the test calls {@link #advance}, which runs what falls
 * due on the way in deadline order (then the order it was scheduled in), each followed by a caller-given
 * step (the harness handles the messages it caused), so whatever a task causes, tasks it schedules
 * included, happens before the next one runs. An {@link dev.crema.actor.ActorSystem} has
 * {@link dev.crema.actor.ManualClock} for the same job; the harness has no system, hence this small twin.
 *
 * <p>Not thread-safe: confined to the harness's thread, like the actor it drives.
 */
public final class VirtualTimeline {

    /** A task on the timeline; cancelled by {@link VirtualTimeline#cancel}. */
    public static final class Entry implements Comparable<Entry> {
        private final Runnable task;
        private final long period;
        private final long order;
        private long deadline;
        private boolean cancelled;

        private Entry(Runnable task, long deadline, long period, long order) {
            this.task = task;
            this.deadline = deadline;
            this.period = period;
            this.order = order;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    /**
     * Schedules a task.
     *
     * @param task        what to run
     * @param delayNanos  how far from now, positive
     * @param periodNanos the period for a repeating task, or 0 for once
     * @return the entry, for {@link #cancel}
     */
    public Entry schedule(Runnable task, long delayNanos, long periodNanos) {
        long deadline = delayNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delayNanos;
        Entry e = new Entry(task, deadline, periodNanos, seq++);
        queue.add(e);
        return e;
    }

    /**
     * Cancels a task; cancelling one that ran (once) or was cancelled does nothing.
     *
     * @param entry the task
     */
    public void cancel(Entry entry) {
        if (!entry.cancelled) {
            entry.cancelled = true;
            queue.remove(entry);
        }
    }

    /**
     * Moves time forward by {@code nanos}, running every task due on the way, each followed by {@code after}.
     *
     * @param nanos how far, zero or more
     * @param after run after each task, e.g. "handle the messages it caused"
     */
    public void advance(long nanos, Runnable after) {
        long target = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
        for (Entry due = queue.peek(); due != null && due.deadline <= target; due = queue.peek()) {
            queue.poll();
            now = due.deadline;
            if (due.period > 0) {
                due.deadline = due.deadline > Long.MAX_VALUE - due.period ? Long.MAX_VALUE : due.deadline + due.period;
                queue.add(due);
            } else {
                due.cancelled = true; // ran: a later cancel is a no-op
            }
            due.task.run();
            after.run();
        }
        now = target;
    }

    /** {@return nanoseconds since the timeline was created} */
    public long now() {
        return now;
    }
}
