package dev.crema.actor.internal;

import java.util.List;

/** Collects a {@link dev.crema.actor.BatchActor}'s batch from the mailbox. Owner thread only. */
final class Batches {

    private Batches() {
    }

    /**
     * Adds {@code first} and then whatever is waiting to {@code out}, polling at most {@code max}
     * messages in all. Timer ticks are resolved to their message; stale ticks are dropped (never
     * delivered, by contract), so {@code out} may hold fewer messages than were polled.
     *
     * @return how many messages were polled, {@code first} included
     */
    static int collect(ActorCell<?> cell, Object first, int max, List<Object> out) {
        int polled = 1;
        add(cell, out, first);
        while (polled < max) {
            Object m = cell.pollUser();
            if (m == null) {
                break;
            }
            polled++;
            add(cell, out, m);
        }
        return polled;
    }

    private static void add(ActorCell<?> cell, List<Object> out, Object m) {
        if (m instanceof Envelope e) {
            Object msg = e.open(cell);
            if (msg != null) {
                out.add(msg);
            }
        } else {
            out.add(m);
        }
    }
}
