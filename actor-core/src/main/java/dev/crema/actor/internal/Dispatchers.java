package dev.crema.actor.internal;

import dev.crema.actor.Dispatcher;
import dev.crema.actor.SystemConfig;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The executors behind {@link Dispatcher}s: a fork-join pool in async (FIFO) mode for the default
 * dispatcher, created with the system; a bounded thread pool for blocking actors and a virtual-thread
 * executor, each created on first use. Threads are daemons named {@code crema-<system>-<pool>-<n>}.
 *
 * <p>Thread-safe: lazy pools are created under this object's monitor and published through volatile
 * fields. The blocking pool's task queue is unbounded by design: an actor is queued at most once (it
 * holds the run token), so the queue never holds more entries than there are actors.
 */
final class Dispatchers {

    private static final Logger LOG = Loggers.SYSTEM;

    /** Marks the threads of this system's pools, so blocking calls from inside an actor can be refused. */
    static final class CremaThread extends Thread {
        final Dispatchers owner;

        CremaThread(Dispatchers owner, Runnable r, String name) {
            super(r, name);
            this.owner = owner;
            setDaemon(true);
        }
    }

    /**
     * A thread of the default pool. Besides the pool's own queue it has a one-cell hand-off slot (see
     * {@link Handoff}, which owns the concurrency rules of these fields).
     */
    static final class Worker extends ForkJoinWorkerThread {
        final Dispatchers owner;
        /** The cell whose turn this thread is running, or null. This thread only. */
        MailboxCell current;
        /** The cell to run next on this thread, holding its run token, or null. See {@link Handoff}. */
        volatile MailboxCell next;
        /** How many times this thread filled its slot. See {@link Handoff}. */
        int fills;
        /** {@code fills} as the sweeper saw it last time. Sweeper only. */
        int sweptFills;
        /** Whether this thread is looking for work after running out (see PoolTask). This thread only. */
        boolean spinning;
        /** Turns started on this thread; see {@link StarvationDetector} (written opaque by this thread). */
        int turns;
        // the detector's own bookkeeping of this worker: timer thread only
        MailboxCell seenCell;
        int seenTurns;
        int stuckPeriods;
        boolean reported;


        Worker(ForkJoinPool pool, Dispatchers owner) {
            super(pool);
            this.owner = owner;
            setDaemon(true);
        }

        @Override
        protected void onStart() {
            super.onStart();
            owner.handoff.register(this);
        }

        @Override
        protected void onTermination(Throwable exception) {
            owner.handoff.unregister(this);
            super.onTermination(exception);
        }
    }

    /**
     * The default pool. A fork-join worker runs the tasks it queued itself before it looks at tasks
     * submitted from outside the pool, so an actor that keeps re-dispatching itself from a worker would
     * starve actors woken by outside threads. Before such a re-dispatch, the worker therefore moves one
     * outside submission into its own queue, ahead of the actor: every actor gets a turn.
     *
     * <p>Looking for outside submissions scans the pool's queues, so the pool counts them as they come in
     * ({@code outside}, incremented by outside threads) and looks only while the count is positive; a scan
     * that finds nothing resets it. A submission racing that reset is still run by the pool in its own
     * order, only without the head start.
     */
    static final class FairPool extends ForkJoinPool {
        private final AtomicInteger outside = new AtomicInteger();

        FairPool(int parallelism, ForkJoinWorkerThreadFactory factory, Thread.UncaughtExceptionHandler handler) {
            super(parallelism, factory, handler, true);
        }

        @Override
        public void execute(ForkJoinTask<?> task) {
            countIfOutside();
            super.execute(task);
        }

        @Override
        public void execute(Runnable task) {
            countIfOutside();
            super.execute(task);
        }

        private void countIfOutside() {
            if (!(Thread.currentThread() instanceof Worker w && w.getPool() == this)) {
                outside.incrementAndGet();
            }
        }

        /**
         * Takes every task still queued in this pool out of its queues, for the shutdown thread to run
         * itself; workers go on with what they already hold. Any thread (the pool's stealing protocol makes
         * each removal a compare-and-set, so a task is either taken here or run by a worker, never both).
         */
        void drainQueued(java.util.Collection<? super ForkJoinTask<?>> out) {
            drainTasksTo(out);
        }

        /**
         * The timer thread's safety net for the count: a submission that raced the reset in
         * {@link #admitOneSubmission} would otherwise wait for a worker to run out of local work, which busy
         * workers never do. Called every sweep while hand-offs happen, and by the starvation check.
         */
        void rearmIfSubmissionsWait() {
            if (outside.get() == 0 && hasQueuedSubmissions()) {
                outside.compareAndSet(0, 1);
            }
        }

        /** Called by a worker of this pool only, before it re-dispatches the actor it just ran. */
        void admitOneSubmission() {
            if (outside.get() == 0) {
                return; // the common case: one read instead of a scan
            }
            ForkJoinTask<?> task = pollSubmission();
            if (task == null) {
                outside.set(0);
            } else {
                outside.decrementAndGet();
                task.fork(); // a worker's fork pushes onto its own queue, ahead of what it queues next
            }
        }
    }

    private final String systemName;
    private final SystemConfig config;
    final Handoff handoff;
    private final FairPool defaultPool;
    private volatile ThreadPoolExecutor blocking;
    private volatile ExecutorService virtual;

    Dispatchers(String systemName, SystemConfig config, SystemScheduler scheduler) {
        this.systemName = systemName;
        this.config = config;
        this.handoff = new Handoff(scheduler, this::rearmSubmissions);
        AtomicInteger n = new AtomicInteger();
        this.defaultPool = new FairPool(config.parallelism(), pool -> {
            Worker w = new Worker(pool, this);
            w.setName("crema-" + systemName + "-default-" + n.incrementAndGet());
            return w;
        }, (t, e) -> LOG.error("uncaught exception in {}", t.getName(), e));
        if (!config.starvationThreshold().isZero()) {
            new StarvationDetector(handoff.workers(), scheduler, config.starvationThreshold(), defaultPool).start();
        }
    }

    private void rearmSubmissions() {
        defaultPool.rearmIfSubmissionsWait();
    }

    Executor resolve(Dispatcher d) {
        if (d == Dispatcher.DEFAULT) {
            return defaultPool;
        }
        if (d == Dispatcher.BLOCKING) {
            return blocking();
        }
        if (d == Dispatcher.VIRTUAL) {
            return virtual();
        }
        return d.executor().orElseThrow(() -> new IllegalArgumentException("unknown dispatcher " + d));
    }

    /** Whether the executor is the default or blocking pool, whose threads {@link #isOwnThread} recognises. */
    boolean ownsThreadsOf(java.util.concurrent.Executor executor) {
        return executor == defaultPool || (executor != null && executor == blocking);
    }

    /** Whether the calling thread belongs to one of this system's pools. */
    boolean isOwnThread() {
        Thread t = Thread.currentThread();
        return (t instanceof Worker w && w.owner == this) || (t instanceof CremaThread c && c.owner == this);
    }

    private ThreadPoolExecutor blocking() {
        ThreadPoolExecutor b = blocking;
        if (b == null) {
            synchronized (this) {
                b = blocking;
                if (b == null) {
                    AtomicInteger n = new AtomicInteger();
                    int threads = config.blockingThreads();
                    b = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                            r -> new CremaThread(this, r, "crema-" + systemName + "-blocking-" + n.incrementAndGet()));
                    b.allowCoreThreadTimeOut(true);
                    blocking = b;
                }
            }
        }
        return b;
    }

    private ExecutorService virtual() {
        ExecutorService v = virtual;
        if (v == null) {
            synchronized (this) {
                v = virtual;
                if (v == null) {
                    v = newVirtualThreadExecutor();
                    virtual = v;
                }
            }
        }
        return v;
    }

    private static ExecutorService newVirtualThreadExecutor() {
        int feature = Runtime.version().feature();
        if (feature < 21) {
            throw new UnsupportedOperationException("Dispatcher.VIRTUAL needs virtual threads, which come with "
                    + "JDK 21; this JVM is " + Runtime.version() + ". Use Dispatcher.BLOCKING instead.");
        }
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads are not available on this JVM ("
                    + Runtime.version() + ")", e);
        }
    }

    /**
     * Takes the cells (run tokens) still waiting for a thread of the default or the blocking pool, or in a
     * worker's hand-off slot, out of them and hands each to {@code sink}, which now owns its run token. The
     * shutdown thread uses this at its deadline to run the last turns (bookkeeping only) of actors that would
     * otherwise not get a thread in time. Virtual-thread and user executors are not drained: their tasks
     * already have a thread each, or are not ours to take.
     *
     * @return how many were taken
     */
    int seizeQueued(java.util.function.Consumer<Runnable> sink) {
        java.util.ArrayList<Object> taken = new java.util.ArrayList<>();
        handoff.takeAll(taken::add);
        defaultPool.drainQueued(taken);
        ThreadPoolExecutor b = blocking;
        if (b != null) {
            b.getQueue().drainTo(taken);
        }
        for (Object t : taken) {
            sink.accept(t instanceof Runnable r ? r : ((ForkJoinTask<?>) t)::quietlyInvoke);
        }
        return taken.size();
    }

    /**
     * Shuts the pools down and waits up to {@code nanos} for them. Never {@code shutdownNow}: a task still
     * queued is the last turn of an actor (its backlog is counted either way, see {@link Shutdown}), and a
     * thread stuck in a handler has already been interrupted.
     */
    void shutdown(long nanos) {
        long deadline = System.nanoTime() + nanos;
        ExecutorService[] pools = {defaultPool, blocking, virtual};
        for (ExecutorService p : pools) {
            if (p != null) {
                p.shutdown();
            }
        }
        try {
            for (ExecutorService p : pools) {
                if (p != null) {
                    p.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
