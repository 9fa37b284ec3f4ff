package dev.crema.actor.internal;

import static dev.crema.actor.internal.ActorCell.DRAINING;
import static dev.crema.actor.internal.ActorCell.FAILED;
import static dev.crema.actor.internal.ActorCell.RESTARTING;
import static dev.crema.actor.internal.ActorCell.RUNNING;

import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Terminated;
import dev.crema.actor.WatchableAddr;
import java.util.HashMap;
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
        if (target instanceof WatchableAddr<?> remote && !(target instanceof ActorCell<?>)) {
            watchRemote(watcher, remote, onTerminated);
            return;
        }
        ActorCell<?> t = watcher.runtime().localCell(target, "watch");
        if (t == watcher) {
            throw new IllegalArgumentException(watcher.path() + " cannot watch itself");
        }
        if (watcher.state().watching().put(t, onTerminated) == null) {
            t.sendSystem(new SystemMessage.Watch(watcher));
        }
    }

    /**
     * Watches an actor of another process: its transport's future, once complete, sends this actor a
     * system message (from whatever thread completes it), handled like a local death notice.
     */
    private static void watchRemote(ActorCell<?> watcher, WatchableAddr<?> target, Function<Terminated, ?> onTerminated) {
        CellState st = watcher.state();
        if (st.remoteWatching == null) {
            st.remoteWatching = new HashMap<>();
        }
        if (st.remoteWatching.put(target, onTerminated) == null) {
            target.whenTerminated().thenAccept(t -> watcher.sendSystem(new SystemMessage.RemoteDeathNotice(target, t)));
        }
    }

    /** A watched actor of another process stopped: its notice joins the watcher's queue (see {@link Notice}). */
    static void onRemoteDeathNotice(ActorCell<?> cell, Addr<?> target, Terminated notice) {
        Notice n = new Notice(target, notice, true);
        if (!cell.offerPastCapacity(n)) {
            n.deliverNow(cell);
        }
    }

    static void unwatch(ActorCell<?> watcher, Addr<?> target) {
        Objects.requireNonNull(target, "target must not be null");
        CellState s = watcher.stateOrNull();
        if (s != null && s.remoteWatching != null && !(target instanceof ActorCell<?>)) {
            s.remoteWatching.remove(target); // a notice already on its way finds no mapping and is dropped
            return;
        }
        if (s != null && s.watching != null && target instanceof ActorCell<?> t && s.watching.remove(t) != null) {
            t.sendSystem(new SystemMessage.Unwatch(watcher));
        }
    }

    /**
     * A watched actor terminated. Its notice joins the end of the watcher's queue rather than being handled
     * at once: every message the watched actor sent before it stopped is already in that queue (it was
     * offered before the termination, which happened-before this notice), so the watcher sees them first, as
     * Pekko's Terminated. The queue holds it past the capacity; while the watcher is failed or restarting it
     * waits there with the rest. If the mailbox cannot take it (closed: the watcher is stopping), it is handled
     * now.
     */
    static void onDeathNotice(ActorCell<?> cell, ActorCell<?> target, Throwable cause) {
        Notice n = new Notice(target, new Terminated(target, cause), false);
        if (!cell.offerPastCapacity(n)) {
            n.deliverNow(cell);
        }
    }

    /** A death notice travelling in the watcher's user queue. Opened on the watcher's thread. */
    static final class Notice extends Envelope {
        private final Addr<?> target;
        private final Terminated terminated;
        private final boolean remote;

        Notice(Addr<?> target, Terminated terminated, boolean remote) {
            this.target = target;
            this.terminated = terminated;
            this.remote = remote;
        }

        /** Takes the watch's mapping out (the notice is due once): null if the watcher no longer watches. */
        private Function<Terminated, ?> takeMapper(CellState st) {
            Map<? extends Addr<?>, Function<Terminated, ?>> map = remote ? st.remoteWatching : st.watching;
            return map == null ? null : map.remove(target);
        }

        @Override
        public Object open(ActorCell<?> owner) {
            CellState st = owner.state();
            Function<Terminated, ?> mapper = takeMapper(st);
            if (mapper == null) {
                return null; // unwatched meanwhile: dropped, by contract
            }
            if (!owner.runtime().userCodeAllowed()) { // past the shutdown's budget: the mapper is user code
                owner.runtime().deadLetters().publish(owner.path(), terminated, DeadLetterReason.SHUTDOWN, null);
                return null;
            }
            try {
                return mapper.apply(terminated); // null: the mapping chose not to produce a message
            } catch (Throwable t) {
                owner.fail(t, null);
                return null;
            }
        }

        @Override
        public Object forDeadLetter() {
            return terminated;
        }

        /** The queue could not take it: map and deliver (or keep, or dead-letter) at once, as before. */
        void deliverNow(ActorCell<?> cell) {
            CellState st = cell.state();
            Function<Terminated, ?> mapper = takeMapper(st);
            if (mapper != null) {
                map(cell, st, mapper, terminated);
            }
        }
    }

    private static void map(ActorCell<?> cell, CellState st, Function<Terminated, ?> mapper, Terminated terminated) {
        if (!cell.runtime().userCodeAllowed()) { // past the shutdown's budget: the mapper is user code
            cell.runtime().deadLetters().publish(cell.path(), terminated, DeadLetterReason.SHUTDOWN, null);
            return;
        }
        Object notice;
        try {
            notice = mapper.apply(terminated);
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
        if ((phase == RUNNING || phase == DRAINING) && cell.runtime().userCodeAllowed()) {
            cell.invoke(notice);
        } else if (phase == FAILED || phase == RESTARTING) {
            st.defer(notice);
        } else {
            DeadLetterReason reason = cell.runtime().isShuttingDown() ? DeadLetterReason.SHUTDOWN : DeadLetterReason.STOPPED;
            cell.runtime().deadLetters().publish(cell.path(), notice, reason, null);
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
        st.remoteWatching = null; // a notice still on its way is answered as for any terminated actor
        List<Watcher> watchers = st.watchers == null ? List.of() : List.copyOf(st.watchers);
        st.watchers = null;
        return watchers;
    }
}
