package dev.crema.actor.internal;

import dev.crema.actor.ActorFactory;

/**
 * The memory layout of a cell, by class hierarchy (JCTools' idiom: HotSpot lays out a superclass's fields
 * before its subclass's). Producers update the mailbox word {@code ctl} on every send; the consumer reads
 * its own fields ({@code queue}, {@code sysHead}, {@code props}, the actor, its phase) on every message.
 * Were they on one cache line, each send would take that line from the consumer's core and the
 * consumer would miss on its next read: a hot receiver (one actor fed by another core) then runs a
 * third slower (counting benchmark, JDK 17, 2 cores). So:
 * <pre>
 *  offset   0  header, ForkJoinTask's status and aux          (read once per turn)
 *          24  ctl                                           this class: written by every producer
 *          32  the cell's cold fields and padding            {@link CellLayoutColdFields}: 56 bytes
 *          88  MailboxCell's, then ActorCell's fields        read by the consumer on every message
 * </pre>
 * With 8-byte object alignment, 64 bytes from {@code ctl} to the first hot field keep them on different
 * cache lines wherever the object lands. The 56 bytes hold {@link ActorCell}'s fields that no message
 * touches (identity, tree links, path), declared here only for their place in memory, so the separation
 * costs 28 bytes of padding rather than 56. {@code FootprintBreakdown} in actor-bench prints the layout.
 *
 * <p>Thread-safety: {@code ctl} is accessed only through {@link MailboxCell}'s VarHandle and its rules.
 */
@SuppressWarnings("serial") // never serialized: ForkJoinTask's Serializable is of no use here
abstract class CellLayout extends PoolTask {

    /**
     * The mailbox word (see {@link MailboxCell}). A new cell holds its own run token: its creator
     * dispatches the first turn, which builds the actor.
     */
    volatile long ctl = MailboxCell.SCHEDULED;
}

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
