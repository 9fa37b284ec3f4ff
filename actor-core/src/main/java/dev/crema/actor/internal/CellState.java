package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.Terminated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The parts of an actor that most actors never need: children, death watch, timers, registered names,
 * failure and stop bookkeeping. Allocated on first need so a plain leaf actor carries one null reference.
 *
 * <h2>Concurrency</h2>
 * Installed once by CAS ({@link ActorCell#state()}), so any thread that sees it sees it fully built.
 * Fields marked "owner" are touched only by the owning actor's thread. The children list and the
 * registered names are guarded by this object's monitor: the root's children are added by whichever
 * thread spawns a top-level actor, names by whichever thread registers them, and the shutdown walker
 * reads children from its own thread. {@code terminationCause} is written by the owner before the
 * TERMINATED bit is set (a volatile write) and read by others only after they have seen that bit.
 */
final class CellState {

    // ---- children (guarded by this), linked through ActorCell.prevSibling / nextSibling, start order
    private ActorCell<?> firstChild;
    private ActorCell<?> lastChild;
    private int childCount;
    private Map<String, ActorCell<?>> namedChildren;
    /** Set when the owner starts stopping; from then on no child can be added. */
    private boolean childrenClosed;

    // ---- registry names held by the owner (guarded by this)
    private List<RegistryKey<?>> names;
    private boolean namesClosed;

    // ---- owner only
    Set<Watcher> watchers;
    Map<ActorCell<?>, Function<Terminated, ?>> watching;
    /** Actors of other processes this one watches ({@link dev.crema.actor.WatchableAddr}), created on first need. */
    Map<Addr<?>, Function<Terminated, ?>> remoteWatching;
    ActorTimers<?> timers;
    Throwable failure;
    Object failedMessage;
    Throwable restartCause;
    ActorCell<?> escalatedChild;
    List<Object> deferredNotices;
    ActorCell<?> stoppingChild;
    Timeline.Timer stopTimer;
    boolean holdRestart;
    boolean held;
    boolean gracefulChildren;
    boolean forced;
    Throwable stopCause;
    // ---- what the snapshot API reports (see ActorInspector); written by the owner, read racily by anyone
    /** Failures of this actor (throws from its handlers, factory or start hooks). Owner writes. */
    volatile long failures;
    /** Restarts of this actor in place. Owner writes. */
    volatile long restarts;
    /** Time in this actor's turns, when the system times them ({@code withTurnTiming}). Owner writes. */
    volatile long turnNanos;
    /** Dead letters addressed to this actor, by reason ordinal; created on the first, written by any thread. */
    volatile java.util.concurrent.atomic.AtomicLongArray deadLetters;

    /** Counts {@code n} dead letters with {@code reason} to this actor. Any thread. */
    void countDeadLetters(dev.crema.actor.DeadLetterReason reason, long n) {
        if (n == 0) {
            return;
        }
        java.util.concurrent.atomic.AtomicLongArray a = deadLetters;
        if (a == null) {
            synchronized (this) {
                a = deadLetters;
                if (a == null) {
                    a = new java.util.concurrent.atomic.AtomicLongArray(dev.crema.actor.DeadLetterReason.values().length);
                    deadLetters = a;
                }
            }
        }
        a.addAndGet(reason.ordinal(), n);
    }

    /** Messages taken from the queue, then held back by a suspension; see {@link Lifecycle#holdOver}. */
    List<Object> heldOver;

    /** Set once a forced stop has been sent to every child: it is not sent again on each ChildTerminated. */
    boolean forcedChildren;

    // ---- the backlog fence against a shutdown giving up on this actor (guarded by this)
    private boolean inBacklog;
    private boolean abandoned;

    /** Written by the owner before TERMINATED is published; see the class comment. */
    Throwable terminationCause;

    // ---------------------------------------------------------------- children

    synchronized void addChild(ActorCell<?> owner, ActorCell<?> child, String name) {
        if (childrenClosed) {
            throw new IllegalStateException(owner.path() + " is stopping: cannot spawn "
                    + (name != null ? "'" + name + "'" : "a child"));
        }
        if (name != null) {
            if (namedChildren == null) {
                namedChildren = new HashMap<>();
            }
            if (namedChildren.putIfAbsent(name, child) != null) {
                throw new IllegalArgumentException("child name '" + name + "' is already taken under "
                        + owner.path());
            }
        }
        child.prevSibling = lastChild;
        if (lastChild == null) {
            firstChild = child;
        } else {
            lastChild.nextSibling = child;
        }
        lastChild = child;
        childCount++;
    }

    synchronized boolean removeChild(ActorCell<?> child) {
        if (!isLinked(child)) {
            return false;
        }
        ActorCell<?> prev = child.prevSibling;
        ActorCell<?> next = child.nextSibling;
        if (prev == null) {
            firstChild = next;
        } else {
            prev.nextSibling = next;
        }
        if (next == null) {
            lastChild = prev;
        } else {
            next.prevSibling = prev;
        }
        child.prevSibling = null;
        child.nextSibling = null;
        childCount--;
        if (child.name() != null && namedChildren != null) {
            namedChildren.remove(child.name(), child);
        }
        return true;
    }

    /** Frees a terminating child's name while it is still linked (it is unlinked when the parent hears). */
    synchronized void releaseName(ActorCell<?> child) {
        if (child.name() != null && namedChildren != null) {
            namedChildren.remove(child.name(), child);
        }
    }

    synchronized boolean isChild(ActorCell<?> child) {
        return isLinked(child);
    }

    private boolean isLinked(ActorCell<?> child) {
        return child.prevSibling != null || child.nextSibling != null || firstChild == child;
    }

    synchronized ActorCell<?> lastChild() {
        return lastChild;
    }

    synchronized int childCount() {
        return childCount;
    }

    /** Refuses further children, for an owner that starts stopping or restarting. */
    synchronized void closeChildren() {
        childrenClosed = true;
    }

    /** Accepts children again, after a restart has stopped the old ones. */
    synchronized void reopenChildren() {
        childrenClosed = false;
    }

    synchronized List<ActorCell<?>> children() {
        List<ActorCell<?>> out = new ArrayList<>(childCount);
        for (ActorCell<?> c = firstChild; c != null; c = c.nextSibling) {
            out.add(c);
        }
        return out;
    }

    List<Addr<?>> childAddrs() {
        return new ArrayList<>(children());
    }

    // ---------------------------------------------------------------- the backlog fence

    /**
     * Owner thread, during a shutdown, before it dead-letters its backlog.
     *
     * @return false if the shutdown has already abandoned this actor (its report counted the backlog)
     */
    synchronized boolean beginBacklog() {
        if (abandoned) {
            return false;
        }
        inBacklog = true;
        return true;
    }

    /** Owner thread: the backlog is dead-lettered. */
    synchronized void endBacklog() {
        inBacklog = false;
        notifyAll();
    }

    /**
     * The shutdown thread, at its deadline, gives up on an actor that has not terminated: waits (up to
     * {@code maxWaitNanos}) for a backlog being dead-lettered right now to finish, then marks the actor
     * abandoned and counts what is left in its mailbox. From then on the owner dead-letters its backlog only
     * after the report is out (see {@link Lifecycle}), so each message is either in this count or in the
     * report's dead letters, never both.
     *
     * @return the messages still queued, as counted for the report
     */
    synchronized long abandon(ActorCell<?> owner, long maxWaitNanos) {
        long deadline = System.nanoTime() + maxWaitNanos;
        long left = maxWaitNanos;
        while (inBacklog && left > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = deadline - System.nanoTime();
        }
        abandoned = true;
        return inBacklog ? 0 : owner.mailboxSize() + (heldOverSize());
    }

    private int heldOverSize() {
        List<Object> h = heldOver; // owner-only field, read racily: exact for an actor stuck in a handler
        return h == null ? 0 : h.size();
    }

    // ---------------------------------------------------------------- registry names

    synchronized boolean addName(RegistryKey<?> key) {
        if (namesClosed) {
            return false;
        }
        if (names == null) {
            names = new ArrayList<>(2);
        }
        names.add(key);
        return true;
    }

    synchronized void removeName(RegistryKey<?> key) {
        if (names != null) {
            names.remove(key);
        }
    }

    /** Refuses further names and returns those held, for release at termination. */
    synchronized List<RegistryKey<?>> closeNames() {
        namesClosed = true;
        List<RegistryKey<?>> held = names == null ? List.of() : names;
        names = null;
        return held;
    }

    // ---------------------------------------------------------------- owner-only helpers

    Set<Watcher> watchers() {
        if (watchers == null) {
            watchers = new HashSet<>();
        }
        return watchers;
    }

    Map<ActorCell<?>, Function<Terminated, ?>> watching() {
        if (watching == null) {
            watching = new HashMap<>();
        }
        return watching;
    }

    void defer(Object notice) {
        if (deferredNotices == null) {
            deferredNotices = new ArrayList<>(2);
        }
        deferredNotices.add(notice);
    }
}
