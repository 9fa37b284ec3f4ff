package dev.crema.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * A timer thread of the system. Each system has two: one for actor timers, registry waits and the runtime's
 * housekeeping, one for ask timeouts alone (so a storm of expiring asks never delays an actor's timer).
 * Tasks must be short (they enqueue a message or complete a future); one that throws is logged.
 *
 * <h2>Why this shape</h2>
 * Every ask arms a timeout and nearly always cancels it a few microseconds later, from another thread. A
 * locked heap would make the asking and the replying threads fight over its lock twice per ask. Here only
 * the timer thread touches the heap: new timers reach it through a lock-free queue, a cancel only flips the
 * timer's state, and cancelled timers are dropped when the thread next meets them (most asks are added
 * and cancelled before the thread ever looks, and never enter the heap). Cancelled timers still in the
 * heap are purged once they outnumber the live ones, so memory stays bounded.
 *
 * <h2>Concurrency</h2>
 * Any thread schedules and cancels. {@code state} moves PENDING to CANCELLED (a cancel) or to FIRED (a
 * one-shot timer that ran) by compare-and-set, so a timer runs or is cancelled, never both. The heap and
 * {@code index} belong to the timer thread. Waking it: a scheduler offers the timer to {@code incoming},
 * then reads {@code sleepsUntil}; the thread writes {@code sleepsUntil}, then re-reads {@code incoming}
 * before it parks (a Dekker pair over volatile accesses): either the thread sees the new timer, or the
 * scheduler sees how long the thread means to sleep and unparks it if the timer is due sooner. While timers
 * are coming in, the thread never sleeps longer than {@value #TICK_MILLIS} ms, so timers with long
 * timeouts (asks) never need to wake it; after a second without any it sleeps until the next deadline.
 */
final class SystemScheduler implements Timeline {

    private static final Logger LOG = Loggers.SYSTEM;
    private static final long TICK_MILLIS = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FOREVER = Long.MAX_VALUE;

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int FIRED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Timer.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A scheduled task; {@link #cancel()} may be called from any thread, any number of times. */
    final class Timer implements Timeline.Timer {
        private final Runnable task;
        private final long period;
        private final boolean internal;
        private long deadline;
        private int index = -1;
        private volatile int state;

        private Timer(Runnable task, long deadline, long period, boolean internal) {
            this.task = task;
            this.deadline = deadline;
            this.period = period;
            this.internal = internal;
        }

        /**
         * Cancels the timer; a run already under way completes.
         *
         * @return whether it was still pending
         */
        @Override
        public boolean cancel() {
            if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
                return false;
            }
            if (!internal) {
                live.decrement();
            }
            return true;
        }

        private boolean isPending() {
            return state == PENDING;
        }
    }

    private final ConcurrentLinkedQueue<Timer> incoming = new ConcurrentLinkedQueue<>();
    private final LongAdder live = new LongAdder();
    private final Thread thread;
    /** Until when the timer thread sleeps (System.nanoTime), {@link #FOREVER}, or 0 while awake. */
    private volatile long sleepsUntil;
    private volatile boolean stopped;

    // ---- timer thread only
    private Timer[] heap = new Timer[64];
    private int size;
    private long lastIncoming = System.nanoTime() - IDLE_NANOS;

    /**
     * Starts the timer thread.
     *
     * @param systemName the system's name
     * @param role       what it serves, in the thread's name ({@code scheduler}, {@code ask-timeouts})
     */
    SystemScheduler(String systemName, String role) {
        thread = new Thread(this::loop, "crema-" + systemName + "-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        return add(new Timer(task, System.nanoTime() + delayNanos, 0, false));
    }

    /** Schedules the runtime's own housekeeping, which {@link #pending()} does not count. */
    Timer scheduleInternal(Runnable task, long delayNanos) {
        return add(new Timer(task, System.nanoTime() + delayNanos, 0, true));
    }

    @Override
    public Timer scheduleAtFixedRate(Runnable task, long periodNanos) {
        return add(new Timer(task, System.nanoTime() + periodNanos, periodNanos, false));
    }

    private Timer add(Timer t) {
        if (stopped) {
            t.state = CANCELLED;
            return t;
        }
        if (!t.internal) {
            live.increment();
        }
        incoming.offer(t);
        long until = sleepsUntil;
        if (until != 0 && (until == FOREVER || t.deadline - until < 0)) {
            LockSupport.unpark(thread); // it would sleep past this deadline
        }
        return t;
    }

    /** Timers of actors, asks and registry waits still pending, for tests and leak checks. */
    @Override
    public int pending() {
        return (int) live.sum();
    }

    // ---------------------------------------------------------------- the timer thread

    private void loop() {
        while (!stopped) {
            long now = System.nanoTime();
            drainIncoming(now);
            runDue(now);
            purgeIfMostlyCancelled();
            long target = size > 0 ? heap[0].deadline : FOREVER;
            if (now - lastIncoming < IDLE_NANOS && (target == FOREVER || target - (now + TICK_NANOS) > 0)) {
                target = now + TICK_NANOS; // timers are coming in: check again soon, so they need not wake us
            }
            sleepsUntil = target;
            if (incoming.isEmpty() && !stopped) { // the Dekker re-check; see the class comment
                if (target == FOREVER) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, target - System.nanoTime());
                }
            }
            sleepsUntil = 0;
        }
    }

    private void drainIncoming(long now) {
        Timer t;
        while ((t = incoming.poll()) != null) {
            lastIncoming = now;
            if (t.isPending()) {
                push(t);
            }
        }
    }

    private void runDue(long now) {
        while (size > 0 && heap[0].deadline - now <= 0) {
            Timer t = heap[0];
            removeAt(0);
            if (t.period > 0) {
                if (t.isPending()) {
                    run(t);
                    t.deadline += t.period;
                    push(t);
                }
            } else if (STATE.compareAndSet(t, PENDING, FIRED)) {
                if (!t.internal) {
                    live.decrement();
                }
                run(t);
            }
        }
    }

    private static void run(Timer t) {
        try {
            t.task.run();
        } catch (Throwable e) {
            LOG.error("a timer task threw", e);
        }
    }

    /** Drops cancelled timers from the heap once they are the majority (and there are enough to matter). */
    private void purgeIfMostlyCancelled() {
        if (size < 64 || live.sum() > size / 2) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Timer t = heap[i];
            if (t.isPending()) {
                heap[kept++] = t;
            } else {
                t.index = -1;
            }
        }
        Arrays.fill(heap, kept, size, null);
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
        for (int i = 0; i < size; i++) {
            heap[i].index = i;
        }
    }

    /** Stops the timer thread; pending {@link ShutdownAware} tasks are told they will never run. */
    @Override
    public void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Timer> left = new ArrayList<>(Arrays.asList(heap).subList(0, size));
        left.addAll(incoming);
        incoming.clear();
        for (Timer t : left) {
            if (t.cancel() && t.task instanceof ShutdownAware aware) {
                try {
                    aware.onSystemShutdown();
                } catch (Throwable e) {
                    LOG.error("the shutdown notice of a pending timer threw", e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- heap (timer thread)

    private void push(Timer t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        t.index = size;
        siftUp(size++);
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.index = -1;
        int last = --size;
        if (i != last) {
            Timer moved = heap[last];
            heap[i] = moved;
            moved.index = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (p.deadline - t.deadline <= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && c.deadline - heap[right].deadline > 0) {
                child = right;
                c = heap[child];
            }
            if (t.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
