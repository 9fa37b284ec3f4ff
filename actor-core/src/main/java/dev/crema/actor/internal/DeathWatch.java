package dev.crema.actor.internal;

import static dev.crema.actor.internal.ActorCell.DRAINING;
import static dev.crema.actor.internal.ActorCell.FAILED;
import static dev.crema.actor.internal.ActorCell.RESTARTING;
import static dev.crema.actor.internal.ActorCell.RUNNING;

import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Terminated;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Death watch between actors. The watcher keeps {@code watching} (target to the function that turns the
 * notice into one of its own messages); the target keeps {@code watchers}. A Watch system message adds
 * the watcher on the target's thread, or, if the target has terminated, is answered at once by the
 * sender ({@link SystemMessage.Watch#onDeadTarget}). On termination the target tells each watcher with a
 * DeathNotice system message, so the notice is never refused by a full mailbox; the watcher delivers it
 * as a message if it still watches (an unwatch in between drops it). Every method runs on the thread of
 * the actor it is given (its owner thread).
 */
final class DeathWatch {

    private DeathWatch() {
    }

    static void watch(ActorCell<?> watcher, Addr<?> target, Function<Terminated, ?> onTerminated) {
        Objects.requireNonNull(onTerminated, "onTerminated must not be null");
        ActorCell<?> t = watcher.runtime().localCell(target, "watch");
        if (t == watcher) {
            throw new IllegalArgumentException(watcher.path() + " cannot watch itself");
        }
        if (watcher.state().watching().put(t, onTerminated) == null) {
            t.sendSystem(new SystemMessage.Watch(watcher));
        }
    }

    static void unwatch(ActorCell<?> watcher, Addr<?> target) {
        Objects.requireNonNull(target, "target must not be null");
        CellState s = watcher.stateOrNull();
        if (s != null && s.watching != null && target instanceof ActorCell<?> t && s.watching.remove(t) != null) {
            t.sendSystem(new SystemMessage.Unwatch(watcher));
        }
    }

    /** A watched actor terminated: deliver the watcher's message for it, if it still watches. */
    static void onDeathNotice(ActorCell<?> cell, ActorCell<?> target, Throwable cause) {
        CellState st = cell.state();
        Map<ActorCell<?>, Function<Terminated, ?>> watching = st.watching;
        Function<Terminated, ?> mapper = watching == null ? null : watching.remove(target);
        if (mapper == null) {
            return; // unwatched meanwhile
        }
        Object notice;
        try {
            notice = mapper.apply(new Terminated(target, cause));
        } catch (Throwable t) {
            cell.fail(t, null);
            return;
        }
        if (notice != null) { // null: the mapping chose not to produce a message
            deliverOrDefer(cell, st, notice);
        }
    }

    /**
     * Hands a notice to the instance now; keeps it for the next instance while the actor is failed or
     * restarting; dead-letters it once the actor is stopping.
     */
    private static void deliverOrDefer(ActorCell<?> cell, CellState st, Object notice) {
        int phase = cell.phase();
        if (phase == RUNNING || phase == DRAINING) {
            cell.invoke(notice);
        } else if (phase == FAILED || phase == RESTARTING) {
            st.defer(notice);
        } else {
            cell.runtime().deadLetters().publish(cell.path(), notice, DeadLetterReason.STOPPED, null);
        }
    }

    /** After a resume or restart: delivers the notices that arrived while the actor was failed. */
    static void deliverDeferred(ActorCell<?> cell, CellState st) {
        List<Object> deferred = st.deferredNotices;
        st.deferredNotices = null;
        if (deferred != null) {
            for (Object notice : deferred) {
                deliverOrDefer(cell, st, notice);
            }
        }
    }

    /** When stopping: the notices that never reached an instance go to dead letters. */
    static void dropDeferred(ActorCell<?> cell, CellState st, DeadLetterReason reason) {
        List<Object> deferred = st.deferredNotices;
        st.deferredNotices = null;
        if (deferred != null) {
            for (Object notice : deferred) {
                cell.runtime().deadLetters().publish(cell.path(), notice, reason, null);
            }
        }
    }

    /**
     * At termination: stops watching everyone (so their watcher tables do not keep this actor) and
     * returns this actor's watchers, to be told after it is marked terminated.
     */
    static List<Watcher> release(ActorCell<?> cell, CellState st) {
        if (st.watching != null) {
            for (ActorCell<?> target : st.watching.keySet()) {
                target.sendSystem(new SystemMessage.Unwatch(cell));
            }
            st.watching = null;
        }
        List<Watcher> watchers = st.watchers == null ? List.of() : List.copyOf(st.watchers);
        st.watchers = null;
        return watchers;
    }
}
