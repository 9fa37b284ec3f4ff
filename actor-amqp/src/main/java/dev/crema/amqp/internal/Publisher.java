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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one publishing channel, with publisher confirms and a bounded window of unconfirmed
 * publishes.
 *
 * <p><b>Concurrency.</b> Any thread takes a window permit ({@link #tryAcquire}, {@link #acquire}) and
 * then {@link #enqueue}s; nothing else is shared with senders, so a send never blocks on the socket. One
 * writer thread owns the channel: it drains the queue into its {@code backlog} (writer-only), publishes
 * in order, and records each publish in the current {@link Lane}'s {@code unconfirmed} map under the
 * channel's sequence number <em>before</em> publishing it. The connection thread settles entries from the
 * confirm callbacks by removing them from that map; the writer, when the lane changes (a new connection
 * or a new channel), moves whatever is left in the old lane's map to the front of its backlog, to be
 * published again. Both sides remove entries with an atomic {@code remove}, so each publish is settled
 * exactly once or re-sent, never both; a re-sent publish that did reach the broker keeps its message id,
 * which the consuming side's deduplication recognises. A permit is released exactly when an entry is
 * settled (confirm, nack, or given up), so the window bounds what the client holds, buffered publishes
 * included.
 *
 * <p>{@code lane} is an {@link AtomicReference}: the link thread sets it on link up/down, the writer
 * replaces a lane whose channel died while the connection lives.
 */
public final class Publisher implements Link.Member {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crema.amqp.AmqpNode");
    private static final Outgoing WAKE = new Outgoing("", null, new byte[0], "", "", 0);

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
    private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Lane> lane = new AtomicReference<>();
    private final ArrayDeque<Outgoing> backlog = new ArrayDeque<>(); // writer thread only
    private final Thread writer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;
    private Lane current; // writer thread only

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

    /** @param o a publish whose permit the caller holds */
    void enqueue(Outgoing o) {
        queue.add(o);
    }

    @Override
    public void linkUp(Connection connection) throws IOException {
        lane.set(openLane(connection));
        queue.add(WAKE);
    }

    @Override
    public void linkDown() {
        lane.set(null);
        queue.add(WAKE);
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
                Outgoing next = backlog.isEmpty() || current == null ? queue.poll(20, TimeUnit.MILLISECONDS) : queue.poll();
                if (next != null && next != WAKE) {
                    backlog.add(next);
                }
                queue.drainTo(backlog);
                Lane l = lane.get();
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
                if (stopping && (writerIdle() || Thread.currentThread().isInterrupted())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() gave up waiting
        } catch (RuntimeException | Error e) {
            LOG.error("publisher thread failed; publishes from now on are dead-lettered", e);
        }
    }

    private boolean writerIdle() {
        return backlog.isEmpty() && queue.isEmpty() && (current == null || current.unconfirmed.isEmpty());
    }

    private void publishBacklog(Lane l) {
        Outgoing o;
        while ((o = backlog.peekFirst()) != null) {
            if (o == WAKE) {
                backlog.pollFirst();
                continue;
            }
            long seq = l.channel.getNextPublishSeqNo();
            l.unconfirmed.put(seq, o);
            try {
                l.channel.basicPublish("", o.routingKey, true, o.props, o.body);
                published.incrementAndGet();
            } catch (IOException | ShutdownSignalException e) {
                // stays in the lane's map: re-sent on the next lane
                backlog.pollFirst();
                replaceDeadChannel(l);
                return;
            }
            backlog.pollFirst();
        }
    }

    /** A channel closed while its connection lives (a channel error): open a new one in its place. */
    private void replaceDeadChannel(Lane l) {
        Connection c = l.channel.getConnection();
        if (!l.channel.isOpen() && c.isOpen()) {
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
            if (o == WAKE) {
                it.remove();
            } else if (stopping || now - o.acceptedNanos > limit) {
                it.remove();
                finish(o, DeadLetterReason.CONNECTION_LOST);
            }
        }
    }

    /**
     * Waits until every accepted publish is settled or the budget is spent, then stops the writer; what
     * is still unsettled is given up with {@link DeadLetterReason#CONNECTION_LOST}.
     *
     * @param budget how long to wait
     * @return the number given up
     */
    public long close(Duration budget) {
        stopping = true;
        queue.add(WAKE);
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
        // the writer has stopped: what it left is ours now
        queue.drainTo(backlog);
        if (current != null) {
            requeueUnconfirmed(current);
        }
        Outgoing o;
        while ((o = backlog.pollFirst()) != null) {
            if (o != WAKE) {
                finish(o, DeadLetterReason.CONNECTION_LOST);
            }
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
