package dev.crema.actor;

/**
 * How many messages an actor's mailbox holds before it says no. Bounded by default.
 *
 * <pre>{@code
 * system.spawn("cashier", Cashier::new, SpawnOptions.defaults().withMailbox(Mailbox.bounded(64)));
 * system.spawn("log", Logger::new, SpawnOptions.defaults().withMailbox(Mailbox.unbounded()));
 * }</pre>
 *
 * <p>Capacity is exact: a mailbox of capacity 64 accepts 64 messages that the actor has not yet finished
 * and refuses the 65th. A message keeps its place until the actor has handled it, and places are handed
 * back once per dispatch batch (see {@link SpawnOptions#withThroughput}), so while an actor is in the
 * middle of a batch a producer can be refused up to one batch early. That is deliberate: it costs one
 * atomic update per batch instead of one per message, and a full mailbox only ever errs towards saying
 * no early.
 *
 * <p>Memory: an actor that has never received a message has no queue at all; the queue (JCTools'
 * unpadded chunked MPSC array queue) starts at one small chunk and grows in chunks only while a backlog
 * builds, so an idle actor costs little however large its capacity.
 *
 * <p>Immutable and thread-safe.
 */
public final class Mailbox {

    /** The capacity of a default mailbox: {@value}. */
    public static final int DEFAULT_CAPACITY = 1000;

    /** The largest capacity, also the limit of an "unbounded" mailbox: {@value}. */
    public static final int MAX_CAPACITY = 1 << 30;

    private static final Mailbox DEFAULT = new Mailbox(DEFAULT_CAPACITY, false);
    private static final Mailbox UNBOUNDED = new Mailbox(MAX_CAPACITY, true);

    private final int capacity;
    private final boolean unbounded;

    private Mailbox(int capacity, boolean unbounded) {
        this.capacity = capacity;
        this.unbounded = unbounded;
    }

    /**
     * A bounded mailbox of {@value #DEFAULT_CAPACITY} messages.
     *
     * @return the default mailbox
     */
    public static Mailbox defaultMailbox() {
        return DEFAULT;
    }

    /**
     * A mailbox that refuses messages beyond {@code capacity}.
     *
     * @param capacity between 1 and {@value #MAX_CAPACITY}
     * @return the mailbox spec
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static Mailbox bounded(int capacity) {
        if (capacity <= 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("mailbox capacity must be between 1 and " + MAX_CAPACITY
                    + ", got " + capacity);
        }
        return capacity == DEFAULT_CAPACITY ? DEFAULT : new Mailbox(capacity, false);
    }

    /**
     * An explicit opt-in to a mailbox without a practical bound (it refuses only beyond
     * {@value #MAX_CAPACITY} messages). A slow actor with an unbounded mailbox can exhaust the heap; prefer
     * a bounded one and let producers see {@link SendResult#FULL}.
     *
     * @return the unbounded mailbox spec
     */
    public static Mailbox unbounded() {
        return UNBOUNDED;
    }

    /** {@return how many unfinished messages the mailbox holds before refusing} */
    public int capacity() {
        return capacity;
    }

    /** {@return whether this is the {@link #unbounded()} opt-in} */
    public boolean isUnbounded() {
        return unbounded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mailbox m && m.capacity == capacity && m.unbounded == unbounded;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(unbounded) * 31 + capacity;
    }

    @Override
    public String toString() {
        return unbounded ? "Mailbox[unbounded]" : "Mailbox[bounded " + capacity + "]";
    }
}
