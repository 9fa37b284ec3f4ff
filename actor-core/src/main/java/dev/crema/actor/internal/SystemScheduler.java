package dev.crema.actor.internal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * The system's timer thread: actor timers, ask timeouts and registry waits. A binary heap of
 * {@link Timer}s ordered by deadline, with each timer's heap index kept in the timer so that a cancel
 * removes it in O(log n) at once: abandoned ask timeouts never pile up. Tasks must be short (they enqueue
 * a message or complete a future); one that throws is logged.
 *
 * <h2>Concurrency</h2>
 * Any thread schedules and cancels; {@code lock} guards the heap and every timer's {@code index}. The
 * timer thread waits on {@code available} until the head is due, removes it under the lock and runs it
 * outside the lock. {@code index < 0} means "not in the heap": never added, fired (one-shot), cancelled.
 * At shutdown the thread stops and the timers still in the heap are handed back; those whose task is
 * {@link ShutdownAware} are told, so an ask pending at shutdown fails instead of hanging.
 */
final class SystemScheduler {

    private static final Logger LOG = Loggers.SYSTEM;

    /** A task that wants to know it will never run because the system shut down. */
    interface ShutdownAware {
        void onSystemShutdown();
    }

    /** A scheduled task; {@link #cancel()} may be called from any thread, any number of times. */
    final class Timer {
        private final Runnable task;
        private final long period;
        /** The runtime's own housekeeping (the hand-off sweeper): not counted by {@link #pending()}. */
        private boolean internal;
        private long deadline;
        private int index = -1;
        private boolean cancelled;

        private Timer(Runnable task, long deadline, long period) {
            this.task = task;
            this.deadline = deadline;
            this.period = period;
        }

        /**
         * Cancels the timer; a run already under way completes.
         *
         * @return whether it was still pending
         */
        boolean cancel() {
            lock.lock();
            try {
                cancelled = true;
                if (index < 0) {
                    return false;
                }
                removeAt(index);
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private Timer[] heap = new Timer[64];
    private int size;
    private boolean stopped;
    private final Thread thread;

    SystemScheduler(String systemName) {
        thread = new Thread(this::loop, "crema-" + systemName + "-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    Timer schedule(Runnable task, long delayNanos) {
        return add(new Timer(task, System.nanoTime() + delayNanos, 0));
    }

    /** Schedules the runtime's own housekeeping, which {@link #pending()} does not count. */
    Timer scheduleInternal(Runnable task, long delayNanos) {
        Timer t = new Timer(task, System.nanoTime() + delayNanos, 0);
        t.internal = true;
        return add(t);
    }

    Timer scheduleAtFixedRate(Runnable task, long periodNanos) {
        return add(new Timer(task, System.nanoTime() + periodNanos, periodNanos));
    }

    private Timer add(Timer t) {
        lock.lock();
        try {
            if (stopped) {
                t.cancelled = true;
                return t;
            }
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            heap[size] = t;
            t.index = size;
            siftUp(size++);
            if (heap[0] == t) {
                available.signal();
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Pending timers of actors, asks and registry waits, for tests and leak checks. */
    int pending() {
        lock.lock();
        try {
            int n = 0;
            for (int i = 0; i < size; i++) {
                n += heap[i].internal ? 0 : 1;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        for (;;) {
            Timer due;
            lock.lock();
            try {
                due = null;
                while (due == null) {
                    if (stopped) {
                        return;
                    }
                    if (size == 0) {
                        available.awaitUninterruptibly();
                        continue;
                    }
                    long wait = heap[0].deadline - System.nanoTime();
                    if (wait > 0) {
                        available.awaitNanos(wait);
                        continue;
                    }
                    due = heap[0];
                    removeAt(0);
                    if (due.period > 0) {
                        due.deadline += due.period;
                        add(due); // re-entrant: we hold the lock
                    }
                }
            } catch (InterruptedException e) {
                continue; // only shutdown interrupts, and it sets stopped first
            } finally {
                lock.unlock();
            }
            try {
                due.task.run();
            } catch (Throwable t) {
                LOG.error("a timer task threw", t);
            }
        }
    }

    /** Stops the timer thread; pending {@link ShutdownAware} tasks are told they will never run. */
    void shutdown() {
        Timer[] left;
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            left = Arrays.copyOf(heap, size);
            for (Timer t : left) {
                t.index = -1;
            }
            Arrays.fill(heap, null);
            size = 0;
            available.signalAll();
        } finally {
            lock.unlock();
        }
        for (Timer t : left) {
            if (t.task instanceof ShutdownAware aware) {
                try {
                    aware.onSystemShutdown();
                } catch (Throwable e) {
                    LOG.error("the shutdown notice of a pending timer threw", e);
                }
            }
        }
    }

    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }

    // ---------------------------------------------------------------- heap (lock held)

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
