package dev.crema.amqp.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.crema.actor.DeadLetterReason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one publishing channel, with publisher confirms and a bounded window of unconfirmed
 * publishes.
 *
 * <p><b>Concurrency.</b> Any thread takes a window permit ({@link #tryAcquire}, {@link #acquire}) and
 * then {@link #enqueue}s into {@code queue}, a lock-free FIFO. Only a holder of {@code channelLock}
 * takes publishes out of {@code queue}, touches {@code backlog} and {@code current}, and publishes on the
 * channel, so publishes go out in the order they were enqueued (per sending thread, the order of its
 * sends) and a channel's sequence number is read and used atomically. There are two kinds of holder:
 * <ul>
 *   <li>the <em>sender</em>, in {@link #enqueue}: if it gets the lock with {@code tryLock} (never waiting
 *       for it), the current lane is the writer's and its backlog is empty, it publishes from
 *       {@code queue} itself, at most {@value #INLINE_BATCH} publishes; one socket write, which the
 *       kernel's send buffer normally takes at once. This saves the hand-off to the writer thread on
 *       every publish of a lightly loaded node (an ask's round trip has two of them). While the broker says
 *       {@code connection.blocked} (a resource alarm: it stops reading the socket), senders do not try, so
 *       {@code tell} does not block on a stalled socket then; nor does a fork-join worker thread (an actor
 *       system's default dispatcher) ever, since the broker's flow control can stop reading the socket
 *       without a word, and a default-dispatcher thread must not wait on it;</li>
 *   <li>the <em>writer</em> thread, which does everything else: it switches lanes, re-sends what an old
 *       lane left unconfirmed, reopens a channel that died while its connection lives, gives up on
 *       publishes held past the publish timeout while disconnected, and publishes whatever a sender left
 *       in {@code queue}. It parks (20 ms at most) only when {@code queue} is empty.</li>
 * </ul>
 * A sender whose {@code tryLock} failed leaves its publish in {@code queue} and returns: every holder looks
 * at {@code queue} again after unlocking (the writer loops instead of parking; a sender unparks the
 * writer). As {@code queue}'s insertion and the lock's state are both volatile, one of the two always
 * sees the other, so no publish is stranded. Once {@link #close} has begun its final drain
 * ({@code writerGone}), a sender takes the lock (waiting) and dead-letters what is queued itself.
 *
 * <p>Each publish is recorded in its {@link Lane}'s {@code unconfirmed} map under the channel's sequence
 * number <em>before</em> it is written. The connection thread settles entries from the confirm callbacks
 * by removing them from that map; the writer, when the lane changes (a new connection or a new channel),
 * moves whatever is left in the old lane's map to the front of its backlog, to be published again. Both
 * sides remove entries with an atomic {@code remove}, so each publish is settled exactly once or re-sent,
 * never both; a re-sent publish that did reach the broker keeps its message id, which the consuming
 * side's deduplication recognises. A permit is released exactly when an entry is settled (confirm, nack,
 * or given up), so the window bounds what the client holds, queued publishes included.
 *
 * <p>{@code lane} is an {@link AtomicReference}: the link thread sets it on link up/down, the writer
 * replaces a lane whose channel died while the connection lives; a sender publishes only on the lane the
 * writer has made {@code current}. {@code blocked} is volatile, set by the connection thread's
 * blocked/unblocked callbacks; {@code stopping} and {@code writerGone} are volatile flags of {@link #close}.
 */
public final class Publisher implements Link.Member {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crema.amqp.AmqpNode");
    /** Publishes a sender writes for others at most before it leaves the rest to the writer. */
    private static final int INLINE_BATCH = 64;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What happens to a settled publish. Called on the connection thread or the writer thread. */
    public interface Outcomes {
        /** @param o confirmed by the broker */
        void confirmed(Outgoing o);

        /**
         * @param o      not delivered
         * @param reason why
         */
        void failed(Outgoing o, DeadLetterReason reason);
    }

    /** One channel and what was published on it and not yet confirmed. */
    private static final class Lane {
        final Channel channel;
        final ConcurrentSkipListMap<Long, Outgoing> unconfirmed = new ConcurrentSkipListMap<>();

        Lane(Channel channel) {
            this.channel = channel;
        }
    }

    private final Semaphore window;
    private final int windowSize;
    private final Duration publishTimeout;
    private final Outcomes outcomes;
    private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock channelLock = new ReentrantLock();
    private final AtomicReference<Lane> lane = new AtomicReference<>();
    private final ArrayDeque<Outgoing> backlog = new ArrayDeque<>(); // guarded by channelLock
    private final Thread writer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishedInline = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean blocked;
    private volatile boolean stopping;
    private volatile boolean writerGone;
    private Lane current; // guarded by channelLock; changed by the writer (and close) only

    /**
     * @param name           for the thread's name
     * @param window         unconfirmed publishes at most
     * @param publishTimeout how long a publish waits for a lost connection
     * @param outcomes       told of every settled publish
     */
    public Publisher(String name, int window, Duration publishTimeout, Outcomes outcomes) {
        this.window = new Semaphore(window);
        this.windowSize = window;
        this.publishTimeout = publishTimeout;
        this.outcomes = outcomes;
        this.writer = new Thread(this::run, "crema-amqp-publisher-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** {@return a window permit now, or {@code false} if the window is full} */
    public boolean tryAcquire() {
        return window.tryAcquire();
    }

    /**
     * @param timeout how long to wait for a permit
     * @return whether one was taken
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return window.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gives back a permit taken for a publish that was never enqueued. */
    public void release() {
        window.release();
    }

    /**
     * Publishes now on the calling thread if the channel is free, else leaves it to whoever holds it (see
     * the class comment). Any thread; never waits for the lock unless {@link #close} has finished.
     *
     * @param o a publish whose permit the caller holds
     */
    void enqueue(Outgoing o) {
        queue.offer(o);
        if (writerGone) {
            channelLock.lock();
            try {
                failQueued(DeadLetterReason.SHUTDOWN);
            } finally {
                channelLock.unlock();
            }
            return;
        }
        if (blocked || Thread.currentThread() instanceof ForkJoinWorkerThread) {
            // a fork-join worker is (most likely) a thread of an actor system's default dispatcher, which
            // must never wait on a socket the broker may have stopped reading (RabbitMQ's own flow control
            // does that without saying connection.blocked): the writer thread publishes for it
            LockSupport.unpark(writer);
            return;
        }
        if (!channelLock.tryLock()) {
            return; // the holder looks at the queue after unlocking
        }
        boolean channelFailed;
        try {
            channelFailed = publishInline();
        } finally {
            channelLock.unlock();
        }
        if (channelFailed || !queue.isEmpty()) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * A sender's turn with the channel: only on the writer's current lane, with nothing older waiting.
     * Under channelLock.
     *
     * @return whether the channel failed (the writer replaces it)
     */
    private boolean publishInline() {
        if (writerGone) {
            failQueued(DeadLetterReason.SHUTDOWN);
            return false;
        }
        Lane l = lane.get();
        if (l == null || l != current || !backlog.isEmpty()) {
            return false; // the writer's work first
        }
        for (int i = 0; i < INLINE_BATCH; i++) {
            Outgoing o = queue.poll();
            if (o == null) {
                return false;
            }
            if (!publish(l, o)) {
                return true;
            }
            publishedInline.incrementAndGet();
        }
        return false;
    }

    private void failQueued(DeadLetterReason reason) {
        Outgoing o;
        while ((o = queue.poll()) != null) {
            finish(o, reason);
        }
    }

    @Override
    public void linkUp(Connection connection) throws IOException {
        blocked = false;
        connection.addBlockedListener(reason -> blocked = true, () -> blocked = false);
        lane.set(openLane(connection));
        LockSupport.unpark(writer);
    }

    @Override
    public void linkDown() {
        blocked = false;
        lane.set(null);
        LockSupport.unpark(writer);
    }

    private Lane openLane(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        Lane l = new Lane(ch);
        ch.addConfirmListener((seq, multiple) -> settle(l, seq, multiple, null),
                (seq, multiple) -> settle(l, seq, multiple, DeadLetterReason.REFUSED_BY_BROKER));
        ch.addReturnListener(r -> {
            String id = r.getProperties().getMessageId();
            for (Outgoing o : l.unconfirmed.values()) {
                if (o.props.getMessageId().equals(id)) {
                    o.returned = true; // the confirm of this publish follows on this thread
                    return;
                }
            }
        });
        return l;
    }

    private void settle(Lane l, long seq, boolean multiple, DeadLetterReason refused) {
        if (multiple) {
            for (Long k : l.unconfirmed.headMap(seq, true).keySet()) {
                Outgoing o = l.unconfirmed.remove(k);
                if (o != null) {
                    finish(o, refused);
                }
            }
        } else {
            Outgoing o = l.unconfirmed.remove(seq);
            if (o != null) {
                finish(o, refused);
            }
        }
    }

    private void finish(Outgoing o, DeadLetterReason reason) {
        window.release();
        DeadLetterReason r = reason == null && o.returned ? DeadLetterReason.UNROUTABLE : reason;
        if (r == null) {
            confirmed.incrementAndGet();
            outcomes.confirmed(o);
        } else {
            failed.incrementAndGet();
            outcomes.failed(o, r);
        }
    }

    private void run() {
        try {
            while (true) {
                channelLock.lock();
                try {
                    pass();
                    if (stopping && (writerIdle() || Thread.currentThread().isInterrupted())) {
                        return;
                    }
                } finally {
                    channelLock.unlock();
                }
                if (queue.isEmpty()) { // else a sender failed to get the lock while we held it
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("publisher thread failed; publishes from now on are dead-lettered", e);
        }
    }

    /** The writer's turn with the channel. Under channelLock. */
    private void pass() {
        Outgoing o;
        while ((o = queue.poll()) != null) {
            backlog.addLast(o);
        }
        Lane l = lane.get();
        if (l != null && !l.channel.isOpen()) {
            replaceDeadChannel(l);
            l = lane.get();
        }
        if (l != current) {
            if (current != null) {
                requeueUnconfirmed(current);
            }
            current = l;
        }
        if (l == null) {
            expire();
        } else {
            publishBacklog(l);
        }
    }

    private boolean writerIdle() {
        return backlog.isEmpty() && queue.isEmpty() && (current == null || current.unconfirmed.isEmpty());
    }

    private void publishBacklog(Lane l) {
        Outgoing o;
        while ((o = backlog.pollFirst()) != null) {
            if (!publish(l, o)) {
                return; // the next pass replaces the channel, or the link is down
            }
        }
    }

    /**
     * Records {@code o} in the lane's map, then writes it. Under channelLock.
     *
     * @return {@code false} if the channel failed: {@code o} stays in the lane's map, to be re-sent on the
     *         next lane
     */
    private boolean publish(Lane l, Outgoing o) {
        long seq = l.channel.getNextPublishSeqNo();
        l.unconfirmed.put(seq, o);
        try {
            l.channel.basicPublish("", o.routingKey, true, o.props, o.body);
            published.incrementAndGet();
            return true;
        } catch (IOException | ShutdownSignalException e) {
            return false;
        }
    }

    /** A channel closed while its connection lives (a channel error): open a new one in its place. */
    private void replaceDeadChannel(Lane l) {
        Connection c = l.channel.getConnection();
        if (c.isOpen()) {
            try {
                lane.compareAndSet(l, openLane(c));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not reopen the publishing channel: {}", e.toString());
            }
        }
    }

    private void requeueUnconfirmed(Lane old) {
        Map.Entry<Long, Outgoing> e;
        ArrayDeque<Outgoing> again = new ArrayDeque<>();
        while ((e = old.unconfirmed.pollFirstEntry()) != null) {
            again.add(e.getValue());
        }
        republished.addAndGet(again.size());
        for (Iterator<Outgoing> it = again.descendingIterator(); it.hasNext(); ) {
            backlog.addFirst(it.next());
        }
    }

    private void expire() {
        long now = System.nanoTime();
        long limit = publishTimeout.toNanos();
        for (Iterator<Outgoing> it = backlog.iterator(); it.hasNext(); ) {
            Outgoing o = it.next();
            if (stopping || now - o.acceptedNanos > limit) {
                it.remove();
                finish(o, DeadLetterReason.CONNECTION_LOST);
            }
        }
    }

    /**
     * Waits until every accepted publish is settled or the budget is spent, then stops the writer; what
     * is still unsettled is given up with {@link DeadLetterReason#CONNECTION_LOST}, and what is enqueued
     * from now on with {@link DeadLetterReason#SHUTDOWN}.
     *
     * @param budget how long to wait
     * @return the number given up
     */
    public long close(Duration budget) {
        stopping = true;
        LockSupport.unpark(writer);
        try {
            writer.join(Math.max(1, budget.toMillis()));
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long before = failed.get();
        writerGone = true; // before looking at the queue: a sender that misses this, close sees its publish
        channelLock.lock();
        try {
            Outgoing o;
            while ((o = queue.poll()) != null) {
                backlog.addLast(o);
            }
            if (current != null) {
                requeueUnconfirmed(current);
                current = null;
            }
            while ((o = backlog.pollFirst()) != null) {
                finish(o, DeadLetterReason.CONNECTION_LOST);
            }
        } finally {
            channelLock.unlock();
        }
        return failed.get() - before;
    }

    /** {@return whether {@link #close} has begun} */
    public boolean isStopping() {
        return stopping;
    }

    /** {@return publishes written to a channel, re-sends included} */
    public long published() {
        return published.get();
    }

    /** {@return publishes the sending thread wrote itself, without the writer thread} */
    public long publishedInline() {
        return publishedInline.get();
    }

    /** {@return publishes confirmed} */
    public long confirmed() {
        return confirmed.get();
    }

    /** {@return publishes re-sent after a lost connection} */
    public long republished() {
        return republished.get();
    }

    /** {@return publishes settled as failures} */
    public long failed() {
        return failed.get();
    }

    /** {@return publishes accepted and not yet settled} */
    public int inFlight() {
        return windowSize - window.availablePermits();
    }

    @Override
    public String toString() {
        return "Publisher[window " + windowSize + ", in flight " + inFlight() + "]";
    }
}
