package dev.crema.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hand-off slots of the default pool's workers (Go calls its equivalent {@code runnext}). When a
 * worker, in the last message of an actor's turn, wakes another actor of the same pool, that actor goes
 * into the worker's slot instead of the pool's queue and runs on the same thread as soon as the turn ends:
 * chains of messages (ping-pong, rings, pipelines) run on one warm thread and wake no other.
 *
 * <h2>The safety valve</h2>
 * A turn that blocks after filling its slot (an {@code ask(...).get()} inside a handler, say) would keep
 * the slotted actor from running, possibly forever if it waits for that very actor. So while hand-offs
 * happen a sweeper runs on the timer thread every {@value #SWEEP_MICROS} µs: a slot that has held the
 * same hand-off since the previous sweep is taken back and its actor sent to the pool, where another
 * worker runs it. A blocked turn therefore delays a handed-off actor by at most two sweep periods. The
 * sweeper stops after a quiet period and the next hand-off arms it again.
 *
 * <h2>Concurrency</h2>
 * {@code Worker.current} belongs to the worker. {@code Worker.next} is filled by the worker (a volatile
 * write: with the read of {@code armed} after it, it forms a Dekker pair with the sweeper's reset and
 * rescan, so a filled slot is never left without a sweep) and emptied by compare-and-set, by the worker or
 * the sweeper, so a hand-off runs exactly once. {@code Worker.fills} counts fills (written by the worker,
 * read opaquely by the sweeper to tell a stale hand-off from a new one).
 */
final class Handoff {

    static final long SWEEP_MICROS = 1000;
    /** {@code -Dcrema.handoff=false} turns hand-offs off (every wake-up goes through the pool's queue). */
    static final boolean ENABLED = !"false".equals(System.getProperty("crema.handoff"));

    private static final VarHandle NEXT;
    private static final VarHandle FILLS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Dispatchers.Worker.class, MethodHandles.lookup());
            NEXT = l.findVarHandle(Dispatchers.Worker.class, "next", MailboxCell.class);
            FILLS = l.findVarHandle(Dispatchers.Worker.class, "fills", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SystemScheduler scheduler;
    /** Run on every sweep: re-arms the pool's count of outside submissions (see FairPool). */
    private final Runnable onSweep;
    private final CopyOnWriteArrayList<Dispatchers.Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();

    Handoff(SystemScheduler scheduler, Runnable onSweep) {
        this.scheduler = scheduler;
        this.onSweep = onSweep;
    }

    /** The default pool's live workers (a copy-on-write list: iterate freely from any thread). */
    java.util.List<Dispatchers.Worker> workers() {
        return workers;
    }

    void register(Dispatchers.Worker w) {
        workers.add(w);
    }

    void unregister(Dispatchers.Worker w) {
        workers.remove(w);
    }

    /** The worker puts a cell (holding its run token) in its empty slot. Worker thread only. */
    void fill(Dispatchers.Worker w, MailboxCell cell) {
        FILLS.setOpaque(w, (int) FILLS.getOpaque(w) + 1);
        NEXT.setVolatile(w, cell);
        if (!armed.get() && armed.compareAndSet(false, true)) {
            scheduler.scheduleInternal(this::sweep, TimeUnit.MICROSECONDS.toNanos(SWEEP_MICROS));
        }
    }

    /** The worker takes what is in its slot, if the sweeper has not taken it back. Worker thread only. */
    MailboxCell take(Dispatchers.Worker w) {
        return NEXT.getVolatile(w) == null ? null : (MailboxCell) NEXT.getAndSet(w, (MailboxCell) null);
    }

    /** Whether the worker's slot is empty. Worker thread only. */
    static boolean isEmpty(Dispatchers.Worker w) {
        return NEXT.getVolatile(w) == null;
    }

    /** Any thread (the shutdown's): empties every slot, handing each cell and its run token to {@code sink}. */
    void takeAll(java.util.function.Consumer<MailboxCell> sink) {
        for (Dispatchers.Worker w : workers) {
            MailboxCell cell = (MailboxCell) NEXT.getVolatile(w);
            if (cell != null && NEXT.compareAndSet(w, cell, (MailboxCell) null)) {
                sink.accept(cell);
            }
        }
    }

    /**
     * Timer thread: takes back stale hand-offs. Stays armed (sweeps again next period) while hand-offs
     * happen, so that a busy pool arms the sweeper once rather than after every sweep; disarms once a
     * whole period passed with no hand-off and every slot is empty.
     */
    private void sweep() {
        onSweep.run();
        boolean active = false;
        for (Dispatchers.Worker w : workers) {
            MailboxCell cell = (MailboxCell) NEXT.getVolatile(w);
            int fills = (int) FILLS.getOpaque(w);
            if (cell != null && fills == w.sweptFills && NEXT.compareAndSet(w, cell, (MailboxCell) null)) {
                cell.dispatchToExecutor(); // its turn-mate is stuck: let another worker run it
            }
            active |= cell != null || fills != w.sweptFills;
            w.sweptFills = fills;
        }
        if (active) {
            scheduler.scheduleInternal(this::sweep, TimeUnit.MICROSECONDS.toNanos(SWEEP_MICROS));
            return;
        }
        armed.set(false);
        for (Dispatchers.Worker w : workers) {
            if (NEXT.getVolatile(w) != null) { // a fill raced the reset: see the class comment
                if (armed.compareAndSet(false, true)) {
                    scheduler.scheduleInternal(this::sweep, TimeUnit.MICROSECONDS.toNanos(SWEEP_MICROS));
                }
                return;
            }
        }
    }
}
