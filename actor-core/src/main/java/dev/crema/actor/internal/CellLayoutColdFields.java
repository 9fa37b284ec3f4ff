package dev.crema.actor.internal;

import dev.crema.actor.ActorFactory;

/**
 * {@link ActorCell}'s fields that no message touches, placed between the mailbox word and the hot fields
 * (see {@link CellLayout}), and padding to make up 56 bytes. Each field's rules are those stated in
 * {@link ActorCell}; only {@link ActorCell} and the {@link CellState} that links siblings use them.
 */
@SuppressWarnings({"serial", "unused"}) // padding fields are never read
abstract class CellLayoutColdFields extends CellLayout {

    /** The parent; null only for the root guardian (and in protocol tests). */
    final ActorCell<?> parent;
    /** The name, or null for an anonymous actor. */
    final String name;
    /** Unique in the system; names an anonymous actor. */
    final int uid;
    /** Builds the instance, again on every restart; null once the actor has stopped. Owner thread. */
    ActorFactory<?> factory;
    /** Children, watchers, timers, failure: created on first need (CAS), see {@link ActorCell#state()}. */
    volatile CellState state;
    /** The path, computed on first use; a benign race (every thread computes the same string). */
    String pathCache;
    /** Siblings in the parent's children list; guarded by the parent's {@link CellState} monitor. */
    ActorCell<?> prevSibling;
    ActorCell<?> nextSibling;

    // 28 bytes: with the 28 above, the 56 between ctl and the hot fields
    private long pad0;
    private long pad1;
    private long pad2;
    private int pad3;

    CellLayoutColdFields(ActorCell<?> parent, String name, int uid, ActorFactory<?> factory) {
        this.parent = parent;
        this.name = name;
        this.uid = uid;
        this.factory = factory;
    }
}
