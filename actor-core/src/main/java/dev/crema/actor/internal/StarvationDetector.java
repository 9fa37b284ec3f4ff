package dev.crema.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Notices a turn that holds a thread of the default pool too long: a handler that blocks (a JDBC call, a
 * {@code Thread.sleep}, an {@code ask(...).get()}) keeps every other actor from that thread, and a few of
 * them starve the whole pool without a word. Reports it once per turn at WARN, with the actor's path, how
 * long the turn has run, and the stack of the thread, and the advice to move blocking work to
 * {@code Dispatcher.BLOCKING} or {@code Dispatcher.VIRTUAL}.
 *
 * <h2>Cost</h2>
 * Nothing per message: each worker counts its turns ({@code Worker.turns}, an opaque store per turn, a plain
 * store on common hardware), and this check runs on the timer thread every half threshold. A worker whose
 * current cell and turn count are the same at consecutive checks has been in one turn for at least one
 * period; after two periods (the threshold) it is reported, and not again until that turn ends.
 *
 * <h2>Concurrency</h2>
 * Runs on the system's timer thread only; the per-worker bookkeeping ({@code Worker.seenCell},
 * {@code seenTurns}, {@code stuckPeriods}, {@code reported}) is touched by this thread alone. It reads a
 * worker's {@code current} and {@code turns} racily (opaque): a stale value at worst delays a report by one
 * period or misses a turn shorter than two periods, which is below the threshold anyway.
 */
final class StarvationDetector implements Runnable {

    private static final Logger LOG = Loggers.STARVATION;
    private static final VarHandle TURNS;
    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Dispatchers.Worker.class, MethodHandles.lookup());
            TURNS = l.findVarHandle(Dispatchers.Worker.class, "turns", int.class);
            CURRENT = l.findVarHandle(Dispatchers.Worker.class, "current", MailboxCell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<Dispatchers.Worker> workers;
    private final SystemScheduler scheduler;
    private final long periodNanos;
    private final Duration threshold;
    private final Dispatchers.FairPool pool;

    StarvationDetector(List<Dispatchers.Worker> workers, SystemScheduler scheduler, Duration threshold,
                       Dispatchers.FairPool pool) {
        this.pool = pool;
        this.workers = workers;
        this.scheduler = scheduler;
        this.threshold = threshold;
        this.periodNanos = Math.max(1, threshold.toNanos() / 2);
    }

    void start() {
        scheduler.scheduleInternal(this, periodNanos);
    }

    /** Worker thread, at the start of each turn: one more turn (opaque: the detector reads it racily). */
    static void turnStarted(Dispatchers.Worker w) {
        TURNS.setOpaque(w, (int) TURNS.getOpaque(w) + 1);
    }

    /** Timer thread: one check of every worker, then the next one scheduled. */
    @Override
    public void run() {
        pool.rearmIfSubmissionsWait();
        for (Dispatchers.Worker w : workers) {
            MailboxCell cell = (MailboxCell) CURRENT.getOpaque(w);
            int turns = (int) TURNS.getOpaque(w);
            if (cell == null || cell != w.seenCell || turns != w.seenTurns) {
                w.seenCell = cell;
                w.seenTurns = turns;
                w.stuckPeriods = 0;
                w.reported = false;
                continue;
            }
            if (++w.stuckPeriods >= 2 && !w.reported) {
                w.reported = true;
                report(w, cell, w.stuckPeriods);
            }
        }
        scheduler.scheduleInternal(this, periodNanos);
    }

    private void report(Dispatchers.Worker w, MailboxCell cell, int periods) {
        Duration running = Duration.ofNanos(periodNanos * periods);
        CremaEvents.starvation(cell.toString(), w.getName(), running.toNanos());
        IllegalStateException where = new IllegalStateException("stack of " + w.getName() + " at the check");
        where.setStackTrace(w.getStackTrace());
        LOG.warn("{} has held thread {} of the default dispatcher for more than {} (threshold {}): while it runs, "
                + "no other actor gets that thread. If it blocks (I/O, sleep, a lock, ask(...).get()), spawn it with "
                + "Dispatcher.BLOCKING or Dispatcher.VIRTUAL (JDK 21+).", cell, w.getName(),
                Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(running.toNanos())), threshold, where);
    }
}
