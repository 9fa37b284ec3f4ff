package dev.crema.actor.internal;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;

/**
 * The periodic {@code dev.crema.MailboxDepth} event: when a recording asks for it (every second by default),
 * JFR calls {@link #sample} on its own thread, which walks every running actor system and emits one event for
 * each of the {@value #DEEPEST} deepest mailboxes. Nothing runs when no recording has the event enabled.
 *
 * <p>Thread-safe: the set of systems is concurrent; a walk reads each actor's queue size racily (a sample).
 */
final class MailboxSampler {

    static final int DEEPEST = 10;
    private static final Set<SystemRuntime> SYSTEMS = ConcurrentHashMap.newKeySet();

    static {
        FlightRecorder.addPeriodicEvent(CremaEvents.MailboxDepth.class, MailboxSampler::sample);
    }

    private MailboxSampler() {
    }

    static void watch(SystemRuntime rt) {
        SYSTEMS.add(rt);
    }

    static void forget(SystemRuntime rt) {
        SYSTEMS.remove(rt);
    }

    private record Depth(ActorCell<?> cell, int queued) {
    }

    private static void sample() {
        for (SystemRuntime rt : SYSTEMS) {
            PriorityQueue<Depth> deepest = new PriorityQueue<>((a, b) -> Integer.compare(a.queued, b.queued));
            ArrayDeque<ActorCell<?>> todo = new ArrayDeque<>();
            todo.push(rt.root());
            while (!todo.isEmpty()) {
                ActorCell<?> c = todo.pop();
                int queued = c.mailboxSize();
                if (queued > 0) {
                    deepest.add(new Depth(c, queued));
                    if (deepest.size() > DEEPEST) {
                        deepest.poll();
                    }
                }
                CellState st = c.stateOrNull();
                if (st != null) {
                    for (ActorCell<?> child : st.children()) {
                        todo.push(child);
                    }
                }
            }
            for (Depth d : deepest) {
                CremaEvents.depth(d.cell.path(), d.queued, d.cell.props.unbounded ? -1 : d.cell.props.capacity);
            }
        }
    }
}
