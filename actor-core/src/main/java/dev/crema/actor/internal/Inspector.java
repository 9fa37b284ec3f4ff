package dev.crema.actor.internal;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.inspect.ActorSnapshot;
import dev.crema.actor.inspect.ActorStatus;
import dev.crema.actor.inspect.SystemSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
        CellState rootState = rt.root().stateOrNull();
        List<ActorSnapshot> top = rootState == null ? List.of() : walk(rootState.children());
        return new SystemSnapshot(rt.name(), Instant.now(), rt.liveActors() - 1, rt.deadLetters().counts(), top);
    }

    /** An actor whose children are being walked, and the snapshots of those already done. */
    private static final class Frame {
        final ActorCell<?> cell;
        final Iterator<ActorCell<?>> children;
        final List<ActorSnapshot> done = new ArrayList<>();

        Frame(ActorCell<?> cell) {
            this.cell = cell;
            CellState st = cell.stateOrNull();
            this.children = st == null ? Collections.emptyIterator() : st.children().iterator();
        }
    }

    /**
     * Snapshots of {@code roots} and everything under them, children before their parent (each snapshot holds
     * its children's), with a stack of our own rather than the thread's: a chain of actors thousands deep must
     * not overflow the caller's stack.
     */
    private static List<ActorSnapshot> walk(Iterable<ActorCell<?>> roots) {
        List<ActorSnapshot> top = new ArrayList<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        for (ActorCell<?> root : roots) {
            stack.push(new Frame(root));
            while (!stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.children.hasNext()) {
                    stack.push(new Frame(f.children.next()));
                    continue;
                }
                stack.pop();
                ActorSnapshot snapshot = of(f.cell, f.done);
                (stack.isEmpty() ? top : stack.peek().done).add(snapshot);
            }
        }
        return top;
    }

    private static ActorSnapshot of(ActorCell<?> c, List<ActorSnapshot> kids) {
        CellState st = c.stateOrNull();
        Map<DeadLetterReason, Long> dead = Map.of(); // most actors have none: no map of their own
        long failures = 0;
        long restarts = 0;
        long turnNanos = 0;
        if (st != null) {
            failures = st.failures;
            restarts = st.restarts;
            turnNanos = st.turnNanos;
            AtomicLongArray counts = st.deadLetters;
            if (counts != null) {
                for (DeadLetterReason r : REASONS) {
                    long n = counts.get(r.ordinal());
                    if (n != 0) {
                        if (dead.isEmpty()) {
                            dead = new EnumMap<>(DeadLetterReason.class);
                        }
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
