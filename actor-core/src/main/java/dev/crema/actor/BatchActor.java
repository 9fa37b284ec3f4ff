package dev.crema.actor;

import java.util.List;

/**
 * An actor that takes messages in batches: everything waiting in its mailbox, up to
 * {@link #maxBatch()} (and the throughput of one turn), in one call. Useful when handling many messages
 * together is cheaper than one by one: one database write for many rows, one brew for several identical
 * drinks.
 *
 * <pre>{@code
 * final class Writer implements BatchActor<Row> {
 *     public void receiveBatch(List<Row> rows) throws Exception { db.insertAll(rows); }
 * }
 * }</pre>
 *
 * <p>The list is in mailbox order, never empty, and only valid during the call. If
 * {@code receiveBatch} throws, every message of the batch goes to dead letters with the cause and the
 * actor fails as usual. {@link #receive} delivers a single message (a death-watch notice, say) as a batch
 * of one.
 *
 * @param <M> the message type
 *
 * <p>Like every {@link Actor}, called only from the actor's own thread, one call at a time.
 */
public interface BatchActor<M> extends Actor<M> {

    /**
     * Handles the messages waiting in the mailbox.
     *
     * @param batch one or more messages, in mailbox order
     * @throws Exception a failure of the actor
     */
    void receiveBatch(List<M> batch) throws Exception;

    /**
     * The most messages per batch; the turn's throughput batch is a second limit. Default 64.
     *
     * @return at least 1
     */
    default int maxBatch() {
        return 64;
    }

    @Override
    default void receive(M message) throws Exception {
        receiveBatch(List.of(message));
    }
}
