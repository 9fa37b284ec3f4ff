package dev.crema.actor.internal;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.inspect.ActorSnapshot;
import dev.crema.actor.inspect.ActorStatus;
import dev.crema.actor.inspect.SystemSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Builds {@link SystemSnapshot}s: one walk of the tree from the root guardian, reading for each actor the
 * fields the runtime keeps anyway (its phase, its queue's size and consumer index, the counters in its
 * {@link CellState}). Any thread. The reads are racy by design (each value is published by its writer, but
 * not all at one instant), which the snapshot's documentation says.
 */
final class Inspector {

    private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

    private Inspector() {
    }

    static SystemSnapshot snapshot(SystemRuntime rt) {
        List<ActorSnapshot> top = new ArrayList<>();
        CellState rootState = rt.root().stateOrNull();
        if (rootState != null) {
            for (ActorCell<?> c : rootState.children()) {
                top.add(of(c));
            }
        }
        return new SystemSnapshot(rt.name(), Instant.now(), rt.liveActors() - 1, rt.deadLetters().counts(), top);
    }

    private static ActorSnapshot of(ActorCell<?> c) {
        CellState st = c.stateOrNull();
        List<ActorSnapshot> kids = new ArrayList<>();
        Map<DeadLetterReason, Long> dead = new EnumMap<>(DeadLetterReason.class);
        long failures = 0;
        long restarts = 0;
        long turnNanos = 0;
        if (st != null) {
            for (ActorCell<?> child : st.children()) {
                kids.add(of(child));
            }
            failures = st.failures;
            restarts = st.restarts;
            turnNanos = st.turnNanos;
            AtomicLongArray counts = st.deadLetters;
            if (counts != null) {
                for (DeadLetterReason r : REASONS) {
                    long n = counts.get(r.ordinal());
                    if (n != 0) {
                        dead.put(r, n);
                    }
                }
            }
        }
        return new ActorSnapshot(c.path(), status(c), c.props.dispatcherName, c.mailboxSize(),
                c.props.unbounded ? -1 : c.props.capacity, c.messagesTaken(), failures, restarts, dead,
                Duration.ofNanos(turnNanos), kids);
    }

    private static ActorStatus status(ActorCell<?> c) {
        if (c.isTerminated()) {
            return ActorStatus.TERMINATED;
        }
        return switch (c.phase()) { // the owner's plain field, read racily: at worst a turn old
            case ActorCell.NEW -> ActorStatus.STARTING;
            case ActorCell.FAILED -> ActorStatus.FAILED;
            case ActorCell.RESTARTING -> ActorStatus.RESTARTING;
            case ActorCell.DRAINING -> ActorStatus.DRAINING;
            case ActorCell.STOPPING -> ActorStatus.STOPPING;
            case ActorCell.TERMINATED_PHASE -> ActorStatus.TERMINATED;
            default -> ActorStatus.RUNNING;
        };
    }
}
