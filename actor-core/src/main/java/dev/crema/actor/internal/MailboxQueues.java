package dev.crema.actor.internal;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.unpadded.MpscChunkedAtomicUnpaddedArrayQueue;
import org.jctools.queues.atomic.unpadded.MpscUnboundedAtomicUnpaddedArrayQueue;
import org.jctools.queues.unpadded.MpscChunkedUnpaddedArrayQueue;
import org.jctools.queues.unpadded.MpscUnboundedUnpaddedArrayQueue;
import org.jctools.util.Pow2;

/**
 * Builds the JCTools MPSC queue behind a mailbox: the unpadded chunked array queue for bounded mailboxes
 * (one small chunk when idle, more chunks only while a backlog builds) and the unpadded unbounded array
 * queue for the unbounded opt-in.
 *
 * <p>On JDK 24 and later, JCTools' {@code sun.misc.Unsafe} variants make the JVM print a deprecation
 * warning on first use; there Crema uses JCTools' field-updater ("atomic") variants of the same queues,
 * which need no Unsafe. The system property {@code crema.mailbox.queues} ({@code unsafe} or
 * {@code atomic}) overrides the choice. Thread-safe (stateless).
 */
final class MailboxQueues {

    /** Chunk of the bounded queue: small, so an idle actor costs little; grows in chunks under backlog. */
    private static final int BOUNDED_CHUNK = 16;
    private static final int UNBOUNDED_CHUNK = 128;
    /** How many death-watch notices a full bounded mailbox can still take. */
    static final int NOTICE_ROOM = 64;
    static final boolean ATOMIC = useAtomic();

    private MailboxQueues() {
    }

    private static boolean useAtomic() {
        String choice = System.getProperty("crema.mailbox.queues", "");
        if (choice.equals("atomic") || choice.equals("unsafe")) {
            return choice.equals("atomic");
        }
        return Runtime.version().feature() >= 24;
    }

    /**
     * A queue that holds at least {@code capacity} messages.
     *
     * @param capacity  the mailbox capacity (its exact bound is kept by {@link MailboxCell})
     * @param unbounded the unbounded opt-in
     * @return an empty multi-producer, single-consumer queue
     */
    static MessagePassingQueue<Object> create(int capacity, boolean unbounded) {
        if (unbounded) {
            return ATOMIC ? new MpscUnboundedAtomicUnpaddedArrayQueue<>(UNBOUNDED_CHUNK)
                    : new MpscUnboundedUnpaddedArrayQueue<>(UNBOUNDED_CHUNK);
        }
        // room past the capacity for the runtime's own notices (see MailboxCell.offerPastCapacity)
        int max = Math.max(4, capacity <= Integer.MAX_VALUE / 4 - NOTICE_ROOM ? capacity + NOTICE_ROOM : capacity);
        int initial = Math.max(2, Math.min(BOUNDED_CHUNK, Pow2.roundToPowerOfTwo(max) / 2));
        return ATOMIC ? new MpscChunkedAtomicUnpaddedArrayQueue<>(initial, max)
                : new MpscChunkedUnpaddedArrayQueue<>(initial, max);
    }
}
