package dev.crema.actor.internal;

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

