package dev.crema.actor.internal;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.SendResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import org.jctools.queues.QueueProgressIndicators;
import org.jctools.queues.MessagePassingQueue;
import org.slf4j.Logger;

/**
 * The mailbox and the scheduling protocol of an actor: who may run it, when, and how messages get in.
 * {@link ActorCell} adds the actor on top; this class knows nothing of actors.
 *
 * <h2>Concurrency</h2>
 * Producers (any thread) add user messages with {@link #offer} and system messages with
 * {@link #sendSystem}. The consumer is whichever thread is running {@link #run()}; the protocol
 * guarantees there is at most one at a time. Methods marked "consumer only" may only be called from
 * inside {@link #turn()}.
 *
 * <p>All shared state is one {@code long} word, {@code ctl}, updated atomically:
 * <pre>
 *  bits 0-31  COUNT      user messages reserved and not yet handed back: queued, being offered,
 *                        or taken in the current turn (an exact bound, checked against capacity)
 *  bit  32    SCHEDULED  the cell is on an executor or running: the "run token"
 *  bit  33    SUSPENDED  user messages are not to be taken (failed, restarting, waiting for children)
 *  bit  34    CLOSED     the mailbox takes no new user messages (stopping or stopped)
 *  bit  35    SYS        system messages are waiting
 *  bit  36    TERMINATED the actor is gone; system messages are answered by the sender
 *  bit  37    OVERFLOWED a tell has found the mailbox full at least once (the first is logged)
 * </pre>
 * A cell is <b>runnable</b> when {@code SYS}, or when {@code COUNT > 0} and neither {@code SUSPENDED}
 * nor {@code TERMINATED} (see {@link #runnable}). The states of the run token:
 * <pre>
 *  IDLE       !SCHEDULED and not runnable. Nobody runs it; whoever makes it runnable takes the token.
 *  SCHEDULED  exactly one task for this cell is on an executor queue or running turn().
 * </pre>
 * Transitions, each a single atomic step on {@code ctl}, so no wake-up can be lost:
 * <ul>
 *   <li>{@code offer}: {@code COUNT+1} (getAndAdd). The producer that moves COUNT from 0 while the
 *       cell is not SCHEDULED, SUSPENDED or CLOSED takes the token with getAndBitwiseOr and dispatches
 *       only if the token was really free (a concurrent {@code sendSystem} may have taken it).</li>
 *   <li>{@code sendSystem}: pushes onto a Treiber stack, then CAS sets {@code SYS|SCHEDULED} and
 *       dispatches if {@code SCHEDULED} was clear.</li>
 *   <li>end of a turn: {@code COUNT -= taken} (getAndAdd), then, if still runnable, the consumer keeps
 *       the token and dispatches itself again; otherwise it clears {@code SCHEDULED} by CAS against the
 *       exact word it saw, so a producer that raced in either sees SCHEDULED cleared (and dispatches) or
 *       has changed the word (the CAS fails and the consumer looks again).</li>
 * </ul>
 * A refused offer (FULL or CLOSED) briefly adds to COUNT before undoing it. The consumer therefore
 * treats COUNT as "at most this many messages may still arrive", never as "exactly this many will":
 * when the queue looks empty it re-reads COUNT and spins only while reservations are outstanding.
 *
 * <h2>Happens-before</h2>
 * Everything a producer did before {@code offer} happens-before the consumer handles that message
 * (JCTools' offer is a release, poll an acquire). Each turn happens-after the previous one: the run
 * token passes through {@code ctl} (a volatile read-modify-write) and then the executor's queue, or a
 * worker's hand-off slot (the same thread, or the slot's compare-and-set; see {@link Handoff}).
 * {@code turnStart} is a plain field owned by the consumer; {@code runner} is written by the consumer in
 * opaque mode and read by others only to interrupt a stuck handler.
 *
 * <h2>Dispatch</h2>
 * Whoever takes the run token hands the cell on with {@link #dispatch()}. On the default pool the cell
 * is itself the fork-join task (no wrapper per dispatch). A cell woken by the last message of a turn on
 * a worker goes into that worker's hand-off slot and runs next on the same thread ({@link Handoff}); a
 * worker that runs out of work looks for more for a few microseconds before it returns to be parked; a
 * busy cell re-dispatching itself lets one outside submission go first ({@link Dispatchers.FairPool}).
 * None of this changes the protocol above: each is only a different route for the run token.
 *
 * <h2>Capacity</h2>
 * Exact: at most {@code capacity} reservations exist at once. The JCTools queue is sized to at least
 * that, so its offer never fails. COUNT is handed back once per turn rather than once per message, to
 * keep the consumer off the producers' cache line; a producer may thus see FULL up to one throughput
 * batch early.
 *
 * <h2>Layout</h2>
 * {@code ctl}, which every producer writes, lives on a cache line apart from the fields the consumer reads
 * on every message; see {@link CellLayout}.
 */
@SuppressWarnings("serial") // never serialized: ForkJoinTask's Serializable is of no use here
public abstract class MailboxCell extends CellLayoutColdFields {

    private static final Logger LOG = Loggers.SYSTEM;

    static final long COUNT_MASK = 0xFFFF_FFFFL;
    static final long SCHEDULED = 1L << 32;
    static final long SUSPENDED = 1L << 33;
    static final long CLOSED = 1L << 34;
    static final long SYS = 1L << 35;
    static final long TERMINATED = 1L << 36;
    static final long OVERFLOWED = 1L << 37;

    /** Turns run back to back on one worker through its hand-off slot before it serves its queue again. */
    private static final int HANDOFF_LIMIT = 64;
    /** Spins while a reserved message is not yet visible, before the turn gives up and re-dispatches. */
    private static final int SPINS_BEFORE_REDISPATCH = 64;

    private static final VarHandle CTL;
    private static final VarHandle QUEUE;
    private static final VarHandle SYS_HEAD;
    private static final VarHandle RUNNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CTL = l.findVarHandle(CellLayout.class, "ctl", long.class);
            QUEUE = l.findVarHandle(MailboxCell.class, "queue", MessagePassingQueue.class);
            SYS_HEAD = l.findVarHandle(MailboxCell.class, "sysHead", SystemMessage.class);
            RUNNER = l.findVarHandle(MailboxCell.class, "runner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Created by the first producer that needs it; published by CAS. */
    private volatile MessagePassingQueue<Object> queue;
    /** Treiber stack of system messages, newest first. */
    private volatile SystemMessage sysHead;
    /**
     * The thread running the current turn, or null. Written only by that thread, in opaque mode (a plain
     * store on common hardware): the owner reads it back to refuse self-deadlocks, and other threads read
     * it (opaque) only to interrupt a stuck handler, where a stale value is tolerated.
     */
    Thread runner;
    /**
     * The queue's consumer index when the current turn began; the messages taken in the turn are the
     * distance the index has moved since. Keeping no per-message counter of our own keeps the consumer
     * from writing to the cache line of {@code ctl}, which producers update on every send. Consumer only.
     */
    private int turnStart;

    final CellProps props;

    /** A cell of the protocol alone, with no actor's fields (the protocol tests' probe). */
    MailboxCell(CellProps props) {
        this(props, null, null, 0, null);
    }

    /** A cell that an {@link ActorCell} builds on: its fields that no message touches live in the layout. */
    MailboxCell(CellProps props, ActorCell<?> parent, String name, int uid, ActorFactory<?> factory) {
        super(parent, name, uid, factory);
        this.props = props;
    }

    // ---------------------------------------------------------------- accessors by memory mode

    final long lvCtl() {
        return ctl;
    }

    private boolean casCtl(long expect, long update) {
        return CTL.compareAndSet(this, expect, update);
    }

    private static int count(long w) {
        return (int) (w & COUNT_MASK);
    }

    static boolean runnable(long w) {
        return (w & SYS) != 0 || ((w & COUNT_MASK) != 0 && (w & (SUSPENDED | TERMINATED)) == 0);
    }

    // ---------------------------------------------------------------- producers (any thread)

    /**
     * Reserves a place and enqueues {@code message}; dispatches the cell if this made it runnable.
     * Any thread. Never blocks (beyond JCTools' lock-free offer).
     */
    final SendResult offer(Object message) {
        long w = (long) CTL.getAndAdd(this, 1L);
        if ((w & CLOSED) != 0 || count(w) >= props.capacity) {
            CTL.getAndAdd(this, -1L); // undo: the refused reservation never held a message
            if ((w & CLOSED) != 0) {
                return SendResult.STOPPED;
            }
            CremaEvents.mailboxFull(this);
            return SendResult.FULL;
        }
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            q = createQueue();
        }
        // cannot fail: COUNT (>= queue size) was below capacity (<= queue capacity) when we reserved
        q.offer(message);
        if ((w & (COUNT_MASK | SCHEDULED | SUSPENDED)) == 0) {
            // we moved an idle cell from 0 to 1: take the run token unless a system message just did
            long prev = (long) CTL.getAndBitwiseOr(this, SCHEDULED);
            if ((prev & SCHEDULED) == 0) {
                dispatch();
            }
        }
        return SendResult.ACCEPTED;
    }

    /**
     * Enqueues a message of the runtime's own ({@link Envelope}) past the capacity: a death-watch notice is
     * never refused by a full mailbox. The queue has room beyond the capacity for these
     * ({@link MailboxQueues}); should even that be used up, or the mailbox be closed, it returns false and the
     * caller handles the notice another way. Consumer only (the watcher, in its turn, so it holds the token).
     *
     * @return whether it was enqueued
     */
    final boolean offerPastCapacity(Object message) {
        long w = (long) CTL.getAndAdd(this, 1L);
        if ((w & CLOSED) != 0) {
            CTL.getAndAdd(this, -1L);
            return false;
        }
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            q = createQueue();
        }
        if (!q.offer(message)) {
            CTL.getAndAdd(this, -1L);
            return false;
        }
        return true;
    }

    private MessagePassingQueue<Object> createQueue() {
        MessagePassingQueue<Object> q = MailboxQueues.create(props.capacity, props.unbounded);
        if (QUEUE.compareAndSet(this, (MessagePassingQueue<?>) null, q)) {
            return q;
        }
        return queue;
    }

    /**
     * Delivers a system message; never refused. Any thread. If the cell has terminated, the sender
     * answers it on the spot ({@link SystemMessage#onDeadTarget}).
     */
    final void sendSystem(SystemMessage message) {
        SystemMessage head;
        do {
            head = sysHead;
            message.next = head;
        } while (!SYS_HEAD.compareAndSet(this, head, message));
        for (;;) {
            long w = lvCtl();
            if ((w & TERMINATED) != 0) {
                // Dekker pair with terminate(): it sets TERMINATED then drains; we pushed then read it.
                drainDeadSystemMessages();
                return;
            }
            if (casCtl(w, w | SYS | SCHEDULED)) {
                if ((w & SCHEDULED) == 0) {
                    dispatch();
                }
                return;
            }
        }
    }

    /**
     * Hands the run token on. Only the holder of the token calls this. If the calling thread is a worker of
     * this cell's pool running the last message of another actor's turn, the cell goes into the worker's
     * hand-off slot and runs on this thread as soon as that turn ends: message chains (ping-pong, rings,
     * pipelines) then run on one warm thread without waking another. Otherwise it goes to the executor.
     */
    final void dispatch() {
        // not under a manual clock: the hand-off's safety valve (the sweeper) runs on real time, and would
        // reorder turns on a slow machine, where manual time promises an order that depends on nothing else
        if (Handoff.ENABLED && !props.manualTime && Thread.currentThread() instanceof Dispatchers.Worker w && w.current != null
                && w.getPool() == props.executor && w.current.pendingUser() <= 0 && Handoff.isEmpty(w)) {
            w.owner.handoff.fill(w, this);
            return;
        }
        dispatchToExecutor();
    }

    /**
     * Hands the run token to the executor, never to a hand-off slot. A fork-join pool gets the cell itself
     * as its task (no wrapper allocated per dispatch: see {@link #exec()}).
     */
    final void dispatchToExecutor() {
        try {
            if (props.executor instanceof ForkJoinPool pool) {
                pool.execute((ForkJoinTask<?>) this);
            } else {
                props.executor.execute(this);
            }
        } catch (RejectedExecutionException e) {
            onRejected(e);
        }
    }

    // ---------------------------------------------------------------- the turn

    @Override
    public final void run() {
        if (Thread.currentThread() instanceof Dispatchers.Worker w && w.getPool() == props.executor) {
            runChain(w);
        } else {
            runTurn();
        }
    }

    /**
     * On a worker of the default pool: this turn, then the cells handed off to this worker one after the
     * other, up to {@link #HANDOFF_LIMIT} in a row; past it the next one goes back to the pool's queue so
     * that the worker also serves the other actors waiting there.
     */
    private void runChain(Dispatchers.Worker w) {
        MailboxCell cell = this;
        for (int hops = 0;; hops++) {
            w.current = cell;
            StarvationDetector.turnStarted(w);
            try {
                cell.runTurn();
            } finally {
                w.current = null;
            }
            MailboxCell next = w.owner.handoff.take(w);
            if (next == null) {
                next = spinForWork(w);
            }
            if (next == null) {
                return;
            }
            if (hops >= HANDOFF_LIMIT) {
                if (props.executor instanceof Dispatchers.FairPool pool) {
                    pool.admitOneSubmission(); // a chain that never ends must not starve the outside world
                }
                next.dispatchToExecutor();
                return;
            }
            cell = next;
        }
    }

    private void runTurn() {
        MessagePassingQueue<Object> q = queue;
        turnStart = q == null ? 0 : consumerIndex(q);
        RUNNER.setOpaque(this, Thread.currentThread());
        CremaEvents.SlowTurn slow = CremaEvents.beginTurn(); // null unless JFR records slow turns
        try {
            turn();
        } catch (Throwable t) {
            LOG.error("internal error in the turn of {}; the actor keeps its mailbox", this, t);
        } finally {
            RUNNER.setOpaque(this, (Thread) null);
            if (slow != null) {
                CremaEvents.endTurn(slow, this);
            }
        }
        endTurn();
    }

    /** The thread running a turn right now, or null; any thread, possibly stale. */
    final Thread runnerOpaque() {
        return (Thread) RUNNER.getOpaque(this);
    }

    /** How many messages the current turn has taken from the queue. Consumer only. */
    private int taken() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? 0 : consumerIndex(q) - turnStart;
    }

    private static int consumerIndex(MessagePassingQueue<Object> q) {
        return (int) ((QueueProgressIndicators) q).currentConsumerIndex(); // int arithmetic wraps consistently
    }

    private void endTurn() {
        int n = taken();
        long w = n == 0 ? lvCtl() : (long) CTL.getAndAdd(this, (long) -n) - n;
        for (;;) {
            if (runnable(w)) {
                // keep the token: more to do; re-dispatching lets the other actors run first
                if (props.executor instanceof Dispatchers.FairPool pool
                        && Thread.currentThread() instanceof Dispatchers.Worker) {
                    pool.admitOneSubmission(); // we run on its worker (not the shutdown thread): see FairPool
                }
                dispatchToExecutor(); // not the hand-off slot: the actors waiting in the queue go first
                return;
            }
            if (casCtl(w, w & ~SCHEDULED)) {
                return;
            }
            w = lvCtl();
        }
    }

    /**
     * One turn: system messages first, then up to a throughput batch of user messages. Consumer only.
     * Must not throw (it is logged as an internal error if it does).
     */
    protected abstract void turn();

    /** The executor refused the run token; the subclass decides how to survive that. */
    protected abstract void onRejected(RejectedExecutionException e);

    // ---------------------------------------------------------------- consumer-only operations

    /**
     * Consumer only. The next user message, or null if none is available now. Once the mailbox is
     * closed, null means definitively that no message is left.
     */
    protected final Object pollUser() {
        MessagePassingQueue<Object> q = queue;
        Object m = q == null ? null : q.relaxedPoll();
        if (m == null) {
            m = pollSlow();
        }
        return m;
    }

    private Object pollSlow() {
        // The queue looked empty. If reservations are outstanding, a producer is between its reservation
        // and its offer (or is undoing a refused one).
        long w = lvCtl();
        if (count(w) - taken() <= 0) {
            return null;
        }
        if ((w & CLOSED) == 0) {
            // Open: spin briefly on the queue alone (re-reading ctl would pull its cache line away from
            // the producer that is about to publish), then give up: endTurn sees the reservation and
            // re-dispatches.
            for (int spins = 0; spins < SPINS_BEFORE_REDISPATCH; spins++) {
                Thread.onSpinWait();
                MessagePassingQueue<Object> q = queue;
                Object m = q == null ? null : q.relaxedPoll();
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        // Closed: no reservation can be added, so wait the outstanding ones out; the caller must learn
        // definitively whether anything is left (a draining actor decides on that whether to stop).
        for (int spins = 0; pendingUser() > 0; spins++) {
            MessagePassingQueue<Object> q = queue;
            Object m = q == null ? null : q.relaxedPoll();
            if (m != null) {
                return m;
            }
            if (spins < SPINS_BEFORE_REDISPATCH) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the producer may have been descheduled mid-offer
            }
        }
        return null;
    }

    /**
     * Consumer only. User messages reserved and not yet taken: an upper bound (refused offers count
     * briefly) and, once the mailbox is closed, exactly what is left to take.
     */
    protected final int pendingUser() {
        return count(lvCtl()) - taken();
    }

    /**
     * Consumer only, after {@link #closeMailbox()}: takes every message still reserved, waiting for
     * producers that reserved before the close to finish their offer, and hands each to {@code sink}.
     *
     * @return how many were taken
     */
    protected final int takeAll(java.util.function.Consumer<Object> sink) {
        int n = 0;
        for (Object m = pollUser(); m != null; m = pollUser()) {
            n++;
            sink.accept(m);
        }
        return n;
    }

    /**
     * Consumer only, after {@link #closeMailbox()}, for an actor that will never take a message again: drops
     * the queue with everything in it and returns how many messages it held, without touching them one by
     * one (a backlog of millions is then a count, not millions of polls). Waits, as {@link #takeAll} does,
     * until every producer that reserved a place before the close has published its message: then, and only
     * then, the queue's size equals the reservations left ({@link #pendingUser()}), since a refused offer can
     * only add to the reservations for a moment, never take from them.
     *
     * @return how many messages were dropped
     */
    protected final int dropAll() {
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            return 0;
        }
        int n;
        for (int spins = 0; (n = q.size()) != pendingUser(); spins++) {
            if (spins < SPINS_BEFORE_REDISPATCH) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // a producer may have been descheduled mid-offer
            }
        }
        // hand back this turn's places and the dropped ones now: with the queue gone, taken() reads 0
        CTL.getAndAdd(this, (long) -(taken() + n));
        QUEUE.setRelease(this, (MessagePassingQueue<Object>) null); // closed: no producer touches it again
        return n;
    }

    /**
     * Consumer only. Keeps {@code n} messages the turn took out of the queue reserved against the capacity
     * (held over, see {@link Lifecycle#holdOver}), so the bound stays exact and the cell
     * stays runnable for them once it takes messages again.
     */
    final void reserveHeld(int n) {
        CTL.getAndAdd(this, (long) n);
    }

    /** Consumer only. Hands back the reservations of {@link #reserveHeld} once the messages are out. */
    final void releaseHeld(int n) {
        CTL.getAndAdd(this, (long) -n);
    }

    /** Consumer only. Takes the waiting system messages, oldest first. */
    protected final SystemMessage takeSystemMessages() {
        CTL.getAndBitwiseAnd(this, ~SYS);
        return SystemMessage.reverse((SystemMessage) SYS_HEAD.getAndSet(this, (SystemMessage) null));
    }

    /**
     * Whether system messages are waiting, or the SYS bit is set. Consumer only. The bit can be set with
     * an empty stack (a sender pushed, our take emptied the stack, then the sender set the bit): the turn
     * must then still take (and so clear it), or endTurn would see the cell runnable forever.
     */
    protected final boolean hasSystemMessages() {
        return sysHead != null || (lvCtl() & SYS) != 0;
    }

    /** Whether a system message has been pushed; the cheap per-message check. Consumer only. */
    protected final boolean systemMessagePushed() {
        return sysHead != null;
    }

    /** Consumer only. Stops taking user messages (they wait in the mailbox). */
    protected final void suspendUser() {
        CTL.getAndBitwiseOr(this, SUSPENDED);
    }

    /** Consumer only. Takes user messages again. */
    protected final void resumeUser() {
        CTL.getAndBitwiseAnd(this, ~SUSPENDED);
    }

    /**
     * Refuses all further user messages ({@link SendResult#STOPPED}). The consumer calls it when stopping;
     * shutdown also calls it, from its own thread, on an actor that never stopped (one atomic OR: safe from
     * any thread).
     *
     * @return whether this call closed it
     */
    protected final boolean closeMailbox() {
        return ((long) CTL.getAndBitwiseOr(this, CLOSED) & CLOSED) == 0;
    }

    /**
     * Any thread, on the refusal path only: marks that a {@code tell} found the mailbox full.
     *
     * @return whether this was the first time for this actor
     */
    final boolean firstOverflow() {
        return (lvCtl() & OVERFLOWED) == 0 && ((long) CTL.getAndBitwiseOr(this, OVERFLOWED) & OVERFLOWED) == 0;
    }

    /** Whether the mailbox has been closed. Any thread. */
    final boolean isClosed() {
        return (lvCtl() & CLOSED) != 0;
    }

    /** Whether the cell has terminated. Any thread. */
    final boolean isTerminated() {
        return (lvCtl() & TERMINATED) != 0;
    }

    /**
     * Messages ever taken from the mailbox (the queue's consumer index). Any thread; a racy sample.
     *
     * @return how many
     */
    final long messagesTaken() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? 0 : ((QueueProgressIndicators) q).currentConsumerIndex();
    }

    /**
     * User messages still queued (not yet taken by a turn); a reservation whose producer has not yet
     * published its message is not counted. Any thread; approximate while producers and the consumer run,
     * exact for an actor stuck in a handler (the case shutdown reports).
     */
    final int mailboxSize() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? 0 : q.size(); // what is still queued: reserved-but-unpublished ones aside
    }

    /**
     * Consumer only, once every user message has been taken: marks the cell terminated, then answers the
     * system messages that raced in.
     */
    protected final void markTerminated() {
        CTL.getAndBitwiseOr(this, TERMINATED | CLOSED | SUSPENDED);
        CTL.getAndBitwiseAnd(this, ~SYS); // from now on senders answer system messages themselves
        drainDeadSystemMessages();
    }

    /** Any thread. Answers every waiting system message as the sender of a terminated target would. */
    final void drainDeadSystemMessages() {
        SystemMessage m = SystemMessage.reverse((SystemMessage) SYS_HEAD.getAndSet(this, (SystemMessage) null));
        while (m != null) {
            SystemMessage next = m.next;
            m.next = null;
            m.onDeadTarget(this);
            m = next;
        }
    }
}
