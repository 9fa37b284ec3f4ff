package dev.crema.actor.internal;

import static dev.crema.actor.internal.ActorCell.DRAINING;
import static dev.crema.actor.internal.ActorCell.FAILED;
import static dev.crema.actor.internal.ActorCell.RESTARTING;
import static dev.crema.actor.internal.ActorCell.RUNNING;
import static dev.crema.actor.internal.ActorCell.STOPPING;
import static dev.crema.actor.internal.ActorCell.TERMINATED_PHASE;

import dev.crema.actor.Actor;
import dev.crema.actor.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The lifecycle transitions of {@link ActorCell}: system messages, restart, stop and termination.
 * Every method runs on the owning actor's thread, inside its turn (see the state diagram on
 * {@link ActorCell}).
 */
final class Lifecycle {

    private static final Logger LOG = Loggers.LIFECYCLE;

    private Lifecycle() {
    }

    static void processSystemMessages(ActorCell<?> cell, SystemMessage first) {
        SystemMessage m = first;
        while (m != null) {
            SystemMessage next = m.next;
            m.next = null;
            if (cell.phase() == TERMINATED_PHASE) {
                m.onDeadTarget(cell);
            } else {
                handle(cell, m);
            }
            m = next;
        }
    }

    private static void handle(ActorCell<?> cell, SystemMessage m) {
        if (m instanceof SystemMessage.Stop s) {
            onStop(cell, s);
        } else if (m instanceof SystemMessage.ChildTerminated ct) {
            onChildTerminated(cell, ct.child);
        } else if (m instanceof SystemMessage.Failed f) {
            Supervision.onChildFailed(cell, f.child, f.cause, f.message);
        } else if (m instanceof SystemMessage.Restart r) {
            restart(cell, r.cause, r.hold);
        } else if (m instanceof SystemMessage.Recreate) {
            recreateHeld(cell);
        } else if (m instanceof SystemMessage.ChildStarted cs) {
            Supervision.onChildStarted(cell, cs.child);
        } else if (m instanceof SystemMessage.ChildHeld ch) {
            Supervision.onChildHeld(cell, ch.child);
        } else if (m instanceof SystemMessage.Resume) {
            resume(cell);
        } else if (m instanceof SystemMessage.Watch w) {
            cell.state().watchers().add(w.watcher);
        } else if (m instanceof SystemMessage.Unwatch u) {
            CellState s = cell.stateOrNull();
            if (s != null && s.watchers != null) {
                s.watchers.remove(u.watcher);
            }
        } else if (m instanceof SystemMessage.DeathNotice d) {
            DeathWatch.onDeathNotice(cell, d.target, d.cause);
        } else if (m instanceof SystemMessage.RemoteDeathNotice d) {
            DeathWatch.onRemoteDeathNotice(cell, d.target, d.notice);
        } else if (!(m instanceof SystemMessage.Continue)) {
            LOG.error("{} got an unknown system message {}", cell.path(), m);
        }
    }

    // ---------------------------------------------------------------- stop

    private static void onStop(ActorCell<?> cell, SystemMessage.Stop s) {
        CellState st = cell.state();
        if (s.cause != null && st.stopCause == null) {
            st.stopCause = s.cause;
        }
        if (s.forced) {
            st.forced = true;
        }
        boolean graceful = s.drain && !st.forced;
        int phase = cell.phase();
        if (phase == STOPPING) {
            if (s.forced) {
                stopChildren(cell); // switch from one-at-a-time to all at once
            }
        } else if (phase == DRAINING) {
            if (!graceful) {
                beginStopping(cell, false); // the rest of the mailbox goes to dead letters
            }
        } else if (graceful && phase == RUNNING) {
            cell.setPhase(DRAINING);
            cell.closeMailbox(); // accepted messages are handled (the turn goes on); new ones are refused
        } else {
            beginStopping(cell, false);
        }
    }

    /** Stops this actor after the current message: the mailbox is dead-lettered. Owner thread. */
    static void stopNow(ActorCell<?> cell, Throwable cause) {
        if (cell.phase() == STOPPING || cell.phase() == TERMINATED_PHASE) {
            return;
        }
        if (cause != null && cell.state().stopCause == null) {
            cell.state().stopCause = cause;
        }
        beginStopping(cell, false);
    }

    /**
     * Closes the mailbox, cancels timers, dead-letters what is left in it, then stops the children
     * (terminating at once if there are none).
     *
     * @param graceful whether children drain their mailboxes too
     */
    static void beginStopping(ActorCell<?> cell, boolean graceful) {
        int was = cell.phase();
        CellState st = cell.state();
        cell.setPhase(STOPPING);
        cell.closeMailbox();
        cell.suspendUser();
        st.closeChildren();
        // the stop cancels every timer before the backlog goes: ticks already queued are a cancelled timer's,
        // which Timers promises are never delivered (left out of the backlog, not dead-lettered)
        if (st.timers != null) {
            st.timers.cancelAll();
        }
        DeadLetterReason reason = cell.runtime().isShuttingDown() ? DeadLetterReason.SHUTDOWN : DeadLetterReason.STOPPED;
        deadLetterBacklog(cell, st, reason);
        DeathWatch.dropDeferred(cell, st, reason);
        st.gracefulChildren = graceful;
        if (st.childCount() == 0) {
            terminate(cell);
        } else if (was != RESTARTING || st.forced) {
            stopChildren(cell); // a restart in progress is already stopping them one by one
        }
    }

    /**
     * Dead-letters what is left in the mailbox (held-over messages first, then the queue) as one backlog:
     * counted once, one log line, each message to the subscribers. Runs no user code but subscribers.
     *
     * <p>During a shutdown the backlog is fenced against {@link Shutdown} giving up on this actor at its
     * deadline (see {@link CellState#abandon}): if the shutdown counted this mailbox as abandoned first, the
     * backlog is dead-lettered only once its report is out, so no message is in the report twice.
     */
    private static void deadLetterBacklog(ActorCell<?> cell, CellState st, DeadLetterReason reason) {
        SystemRuntime rt = cell.runtime();
        boolean fenced = rt.isShuttingDown();
        if (fenced && !st.beginBacklog()) {
            rt.whenShutdown().join(); // abandoned: the report counted these; dead-letter them after it
            fenced = false;
        }
        try {
            DeadLetterOffice.Backlog backlog = rt.deadLetters().backlog(cell.path(), reason);
            List<Object> held = takeBackHeldOver(cell); // before takeAll, which waits out every reservation
            for (Object m : held) {
                addTo(backlog, m);
            }
            if (backlog.subscribed() || st.timers != null) {
                cell.takeAll(m -> addTo(backlog, m)); // each to the subscribers; stale timer ticks left out
            } else {
                backlog.addCounted(cell.dropAll()); // nobody looks at them one by one: count and drop
            }
            cell.state().countDeadLetters(reason, backlog.close());
        } finally {
            if (fenced) {
                st.endBacklog();
            }
        }
    }

    private static void addTo(DeadLetterOffice.Backlog backlog, Object m) {
        Object msg = unwrap(m);
        if (msg != null) {
            backlog.accept(msg);
        }
    }

    /** Sends the next stop: to the last child, or (forced) to all of them, once. */
    private static void stopChildren(ActorCell<?> cell) {
        CellState st = cell.state();
        if (st.forced) {
            if (!st.forcedChildren) { // every child is told once, not again on each ChildTerminated
                st.forcedChildren = true;
                for (ActorCell<?> c : st.children()) {
                    c.requestStop(false, true, null);
                }
            }
            return;
        }
        ActorCell<?> last = st.lastChild();
        if (last != null && last != st.stoppingChild) {
            st.stoppingChild = last;
            long timeout = cell.actor() instanceof ChildSupervisor s ? s.stopTimeoutNanos(last) : ChildSupervisor.WAIT_FOREVER;
            if (timeout <= 0) {
                forceStop(last);
            } else {
                last.requestStop(st.gracefulChildren, false, null);
                if (timeout != ChildSupervisor.WAIT_FOREVER) {
                    st.stopTimer = cell.runtime().timers().schedule(() -> forceStop(last), timeout);
                }
            }
        }
    }

    /**
     * Stops an actor at once: its mailbox is dead-lettered, its children are stopped all together, and
     * if a handler of it is running right now its thread is interrupted. Any thread. The interrupt is best
     * effort: the handler may have just returned, in which case its thread may see a stray interrupt.
     */
    static void forceStop(ActorCell<?> target) {
        target.requestStop(false, true, null);
        Thread runner = target.runnerOpaque();
        if (runner != null) {
            runner.interrupt();
        }
    }

    private static void onChildTerminated(ActorCell<?> cell, ActorCell<?> child) {
        CellState st = cell.state();
        if (!st.removeChild(child)) {
            return;
        }
        if (st.stoppingChild == child) {
            st.stoppingChild = null;
            if (st.stopTimer != null) {
                st.stopTimer.cancel();
                st.stopTimer = null;
            }
        }
        Supervision.onChildTerminated(cell, child);
        int phase = cell.phase();
        if (phase != RESTARTING && phase != STOPPING) {
            return;
        }
        if (st.childCount() > 0) {
            stopChildren(cell);
        } else if (phase == RESTARTING) {
            finishRestart(cell);
        } else {
            terminate(cell);
        }
    }

    /** The last step: postStop, release everything, tell the parent, then the watchers. */
    static void terminate(ActorCell<?> cell) {
        Actor<?> actor = cell.actor();
        if (actor != null && cell.runtime().userCodeAllowed()) { // past the shutdown's budget: no user code
            try {
                actor.postStop();
            } catch (Throwable t) {
                LOG.error("postStop of {} threw; the actor is stopped anyway", cell.path(), t);
            }
        }
        CellState st = cell.stateOrNull();
        Throwable cause = null;
        List<Watcher> watchers = List.of();
        boolean forced = false;
        if (st != null) {
            cause = st.stopCause;
            forced = st.forced;
            st.terminationCause = cause;
            if (st.timers != null) {
                st.timers.cancelAll();
            }
            for (var key : st.closeNames()) {
                cell.runtime().registry().release(key, cell);
            }
            watchers = DeathWatch.release(cell, st);
            st.failure = null;
            st.failedMessage = null;
        }
        cell.setPhase(TERMINATED_PHASE);
        cell.releaseInstance();
        CremaEvents.stopped(cell, cause, forced || !cell.runtime().userCodeAllowed());
        if (cell.parent != null) {
            cell.parent.state().releaseName(cell); // a watcher may spawn a successor with the same name at once
        }
        cell.runtime().actorTerminated(cell, forced);
        cell.markTerminated(); // from here on, senders answer system messages themselves
        // Watchers first, so a parent never terminates before its children's watchers have been told; but
        // a parent that watches learns of the removal first, so its children() no longer lists this one.
        boolean parentWatches = false;
        for (Watcher w : watchers) {
            if (w == cell.parent) {
                parentWatches = true;
            } else {
                w.targetTerminated(cell, cause);
            }
        }
        if (cell.parent != null) {
            cell.parent.sendSystem(new SystemMessage.ChildTerminated(cell));
            if (parentWatches) {
                cell.parent.targetTerminated(cell, cause);
            }
        } else {
            cell.runtime().rootTerminated();
        }
    }

    // ---------------------------------------------------------------- restart and resume

    static void restart(ActorCell<?> cell, Throwable cause, boolean hold) {
        int phase = cell.phase();
        if (phase != RUNNING && phase != FAILED) {
            return; // stopping wins; a restart already under way needs no second one
        }
        CellState st = cell.state();
        Object failedMessage = phase == FAILED ? st.failedMessage : null;
        cell.setPhase(RESTARTING);
        cell.suspendUser();
        if (!cell.runtime().userCodeAllowed()) {
            stopNow(cell, cause); // past the shutdown's budget: no restart, the actor is stopped
            return;
        }
        Actor<?> actor = cell.actor();
        if (actor != null) {
            try {
                actor.preRestart(cause, failedMessage);
            } catch (Throwable t) {
                LOG.error("preRestart of {} threw; restarting anyway", cell.path(), t);
            }
        }
        if (st.timers != null) {
            st.timers.cancelAll();
        }
        st.restartCause = cause;
        st.holdRestart = hold;
        st.closeChildren();
        if (st.childCount() == 0) {
            finishRestart(cell);
        } else {
            st.gracefulChildren = false;
            stopChildren(cell);
        }
    }

    private static void finishRestart(ActorCell<?> cell) {
        CellState st = cell.state();
        if (st.holdRestart) {
            st.holdRestart = false;
            st.held = true;
            cell.parent.sendSystem(new SystemMessage.ChildHeld(cell));
            return;
        }
        if (!cell.runtime().userCodeAllowed()) {
            stopNow(cell, st.restartCause); // past the shutdown's budget: the new instance is never built
            return;
        }
        Throwable cause = st.restartCause;
        st.restartCause = null;
        st.restarts++; // owner thread only: a plain increment of a volatile is a single writer's publication
        CremaEvents.restarted(cell, cause);
        st.failure = null;
        st.failedMessage = null;
        st.reopenChildren();
        cell.recreate(cause);
        if (cell.phase() == RUNNING) {
            DeathWatch.deliverDeferred(cell, st);
        }
    }

    private static void recreateHeld(ActorCell<?> cell) {
        CellState st = cell.state();
        if (cell.phase() == RESTARTING && st.held) {
            st.held = false;
            finishRestart(cell);
        }
    }

    static void resume(ActorCell<?> cell) {
        if (cell.phase() != FAILED) {
            return;
        }
        CellState st = cell.state();
        if (cell.actor() == null) {
            restart(cell, st.failure, false); // it failed to start: there is no instance to resume
            return;
        }
        st.failure = null;
        st.failedMessage = null;
        cell.setPhase(RUNNING);
        cell.resumeUser();
        ActorCell<?> escalated = st.escalatedChild;
        st.escalatedChild = null;
        if (escalated != null) {
            escalated.sendSystem(new SystemMessage.Resume());
        }
        DeathWatch.deliverDeferred(cell, st);
    }

    /**
     * Parks messages the turn has taken out of the queue at the head of the mailbox, reserved against its
     * capacity (so the bound stays exact and the cell stays runnable for them): the turn had to handle a
     * system message first. A stop dead-letters them before the rest of the queue; a failed or restarting
     * actor handles them first once it takes messages again. Owner thread.
     */
    static void holdOver(ActorCell<?> cell, List<Object> messages) {
        CellState st = cell.state();
        if (st.heldOver == null) {
            st.heldOver = new ArrayList<>(messages);
        } else {
            st.heldOver.addAll(0, messages);
        }
        cell.reserveHeld(messages.size());
    }

    /** Takes every held-over message back, handing back its reservation. Owner thread. */
    static List<Object> takeBackHeldOver(ActorCell<?> cell) {
        CellState st = cell.state();
        List<Object> held = st.heldOver;
        st.heldOver = null;
        if (held == null) {
            return List.of();
        }
        cell.releaseHeld(held.size());
        return held;
    }

    /**
     * Timer ticks travel as their timer entry; dead letters show the user's message, and a tick of a
     * cancelled or replaced timer is dropped (it is never delivered, by contract). Owner thread.
     */
    static Object unwrap(Object m) {
        if (m instanceof Envelope e) {
            return e.forDeadLetter();
        }
        return m;
    }
}
