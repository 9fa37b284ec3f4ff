package dev.crema.actor.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time that only moves when a test says so ({@link dev.crema.actor.ManualClock}). Timers are kept in
 * deadline order (then the order they were scheduled in) and run by {@link #advance} on the calling thread,
 * one at a time: before each, the bound actor system is let run until it is quiet (every actor idle, nothing
 * in flight), so that whatever a timer's message causes, timers it starts included, happens before the next
 * timer fires. Real time plays no part in what happens, only in how long a test waits for actors to go quiet.
 *
 * <h2>Concurrency</h2>
 * Any thread schedules, cancels and reads {@link #now}; the queue is guarded by this object's monitor.
 * {@code now} is volatile: written under the monitor by {@code advance}, read by anyone. Tasks run outside
 * the monitor, so a task may schedule more. {@link #advance} and {@link #awaitQuiet} are for one test thread
 * at a time (they are serialised by {@code advancing}).
 */
public final class ManualTimeline implements Timeline {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final long quietTimeoutNanos;
    private final Object advancing = new Object();
    private volatile long now;
    private long seq;
    private int live;
    private boolean stopped;
    private volatile SystemRuntime bound;

    /**
     * Creates a timeline at time zero.
     *
     * @param quietTimeout how long (real time) {@link #awaitQuiet} waits for the actors to go quiet
     */
    public ManualTimeline(Duration quietTimeout) {
        this.quietTimeoutNanos = quietTimeout.toNanos();
    }

    /** A system takes this timeline as its clock; one system per timeline. */
    void bind(SystemRuntime rt) {
        synchronized (this) {
            if (bound != null) {
                throw new IllegalStateException("this ManualClock already drives actor system '" + bound.name()
                        + "'; give each system its own clock");
            }
            bound = rt;
        }
    }

    private final class Task implements Timer, Comparable<Task> {
        final Runnable task;
        final long period;
        final long order;
        long deadline;
        boolean cancelled;

        Task(Runnable task, long deadline, long period, long order) {
            this.task = task;
            this.deadline = deadline;
            this.period = period;
            this.order = order;
        }

        @Override
        public boolean cancel() {
            synchronized (ManualTimeline.this) {
                if (cancelled || !queue.contains(this)) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                live--;
                return true;
            }
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        return add(task, delayNanos, 0);
    }

    @Override
    public Timer scheduleAtFixedRate(Runnable task, long periodNanos) {
        return add(task, periodNanos, periodNanos);
    }

    private synchronized Task add(Runnable task, long delayNanos, long period) {
        long deadline = delayNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delayNanos;
        Task t = new Task(task, deadline, period, seq++);
        if (stopped) {
            t.cancelled = true;
            return t;
        }
        queue.add(t);
        live++;
        return t;
    }

    @Override
    public synchronized int pending() {
        return live;
    }

    /** {@return nanoseconds since the timeline was created} */
    public long elapsedNanos() {
        return now;
    }

    /**
     * Moves time forward by {@code nanos}, running every timer that falls due on the way, in deadline order,
     * each after the system has gone quiet; then lets the system go quiet once more.
     *
     * @throws IllegalStateException if the actors do not go quiet within the quiet timeout (a handler that
     *                               blocks, or one that keeps sending to itself)
     */
    public void advance(long nanos) {
        synchronized (advancing) {
            long target = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
            for (;;) {
                awaitQuiet();
                Task due;
                synchronized (this) {
                    due = queue.peek();
                    if (due == null || due.deadline > target) {
                        now = target;
                        break;
                    }
                    queue.poll();
                    now = due.deadline;
                    if (due.period > 0) {
                        due.deadline += due.period;
                        queue.add(due);
                    } else {
                        live--;
                    }
                }
                due.task.run(); // enqueues a tick, completes a future: on this thread, outside the monitor
            }
            awaitQuiet();
        }
    }

    /**
     * Waits (real time, bounded) until every actor of the bound system is idle and nothing is in flight.
     *
     * @throws IllegalStateException if that does not happen within the quiet timeout
     */
    public void awaitQuiet() {
        SystemRuntime rt = bound;
        if (rt == null) {
            return;
        }
        long deadline = System.nanoTime() + quietTimeoutNanos;
        long park = 1_000;
        while (!rt.isQuiet()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the actors of system '" + rt.name() + "' did not go quiet within "
                        + Duration.ofNanos(quietTimeoutNanos) + " of real time; a handler that blocks, or an actor "
                        + "that keeps sending to itself, keeps manual time from moving on");
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void shutdown() {
        List<Task> left;
        synchronized (this) {
            stopped = true;
            left = new ArrayList<>(queue);
            queue.clear();
            live = 0;
        }
        for (Task t : left) {
            if (t.task instanceof ShutdownAware aware) {
                try {
                    aware.onSystemShutdown();
                } catch (Throwable e) {
                    Loggers.SYSTEM.error("the shutdown notice of a pending timer threw", e);
                }
            }
        }
    }
}
