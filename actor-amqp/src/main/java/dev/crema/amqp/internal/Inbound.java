package dev.crema.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.SendResult;
import dev.crema.amqp.RawMessage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of one queue that hands each delivery to a local address with manual acknowledgements:
 * the delivery is acknowledged once the address accepted it ({@code trySend} said ACCEPTED).
 *
 * <p><b>Backpressure.</b> The broker hands over at most {@code prefetch} unacknowledged deliveries. A
 * delivery the address refuses as FULL waits in {@code pending}, and so does every later one (order is
 * kept); a retry on the node's scheduler offers the head again after 1 ms, doubling to 20 ms. Nothing
 * blocks the client's consumer threads and nothing is dropped: the broker's credit runs out instead.
 *
 * <p><b>Concurrency.</b> Deliveries arrive on the client's consumer thread for this channel, one at a
 * time; retries on the scheduler thread. Both run {@link #process} under this object's monitor, which
 * guards {@code pending}, {@code dedup} and the counters' consistency. {@code channel} is volatile: set
 * by the link thread, read by both. A delivery belongs to the channel it came on: once that channel is
 * gone the broker has requeued it, so it is dropped from {@code pending} without an ack.
 */
public final class Inbound implements Link.Member {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crema.amqp.AmqpNode");

    /** Where deliveries go. */
    public interface Router {
        /**
         * Decodes a delivery and picks its target.
         *
         * @param props the properties
         * @param body  the body
         * @return the target and the message
         * @throws Exception if it cannot be decoded: rejected without requeue and dead-lettered UNDECODABLE
         */
        Routed route(AMQP.BasicProperties props, byte[] body) throws Exception;

        /**
         * The target said STOPPED.
         *
         * @param routed the delivery
         * @param raw    the delivery as it arrived
         * @return {@code true} to requeue it and stop consuming (the target is gone for good), {@code false}
         *         to acknowledge it (the router has dead-lettered it)
         */
        boolean stopped(Routed routed, RawMessage raw);

        /**
         * The target accepted the delivery.
         *
         * @param routed the delivery
         */
        default void accepted(Routed routed) {
        }

        /** The broker cancelled the consumer (the queue was deleted). */
        void cancelled();
    }

    /**
     * @param target   the local address
     * @param message  the decoded message
     * @param key      the router's own bookkeeping (an export id), or {@code null}
     * @param ackFirst the target never says FULL and the router dead-letters what it refuses
     *                 ({@link Router#stopped} says {@code false}): whatever it says, the delivery is acked,
     *                 so it is acked <em>before</em> the hand-over (an ask's reply handle: the woken asker's
     *                 next publish then does not race this ack for the connection's socket)
     */
    public record Routed(Addr<Object> target, Object message, String key, boolean ackFirst) {

        /**
         * @param target  the local address
         * @param message the decoded message
         * @param key     the router's own bookkeeping (an export id), or {@code null}
         */
        public Routed(Addr<Object> target, Object message, String key) {
            this(target, message, key, false);
        }
    }

    private static final class Pending {
        final Channel channel;
        final long tag;
        final AMQP.BasicProperties props;
        final byte[] body;
        Routed routed;

        Pending(Channel channel, long tag, AMQP.BasicProperties props, byte[] body) {
            this.channel = channel;
            this.tag = tag;
            this.props = props;
            this.body = body;
        }
    }

    private final String queue;
    private final String path;
    private final int prefetch;
    private final QueueDeclaration declaration;
    private final Router router;
    private final DeadLetters deadLetters;
    private final ScheduledExecutorService scheduler;
    private final Dedup dedup;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong requeued = new AtomicLong();
    private volatile Channel channel;
    private volatile String consumerTag;
    private volatile boolean stopped;
    private boolean retryArmed; // guarded by this
    private long retryDelayMicros = 1000; // guarded by this

    /** How a queue is declared before consuming, or {@code null} to consume an existing queue. */
    public record QueueDeclaration(boolean durable, boolean exclusive, boolean autoDelete,
                                   java.util.Map<String, Object> arguments) {
    }

    /**
     * @param queue       the queue
     * @param path        the queue's path, the recipient of its dead letters
     * @param prefetch    unacknowledged deliveries at most
     * @param declaration how to declare it, or {@code null}
     * @param dedupWindow message ids to remember
     * @param router      where deliveries go
     * @param deadLetters the system's dead letters
     * @param scheduler   runs retries
     */
    public Inbound(String queue, String path, int prefetch, QueueDeclaration declaration, int dedupWindow, Router router,
                   DeadLetters deadLetters, ScheduledExecutorService scheduler) {
        this.queue = queue;
        this.path = path;
        this.prefetch = prefetch;
        this.declaration = declaration;
        this.router = router;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.dedup = new Dedup(dedupWindow);
    }

    @Override
    public void linkUp(Connection connection) throws IOException {
        if (stopped) {
            return;
        }
        Channel ch = connection.createChannel();
        try {
            ch.basicQos(prefetch);
            if (declaration != null) {
                ch.queueDeclare(queue, declaration.durable(), declaration.exclusive(), declaration.autoDelete(),
                        declaration.arguments());
            }
            channel = ch;
            consumerTag = ch.basicConsume(queue, false, new Consumer(ch));
        } catch (IOException | RuntimeException e) {
            channel = null;
            try {
                ch.abort();
            } catch (IOException | RuntimeException ignored) {
                // the channel is dead either way
            }
            throw e;
        }
    }

    @Override
    public void linkDown() {
        channel = null;
        synchronized (this) {
            pending.clear(); // their channel is dead: the broker requeued them
        }
    }

    private final class Consumer extends DefaultConsumer {
        Consumer(Channel ch) {
            super(ch);
        }

        @Override
        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
            deliver(new Pending(getChannel(), env.getDeliveryTag(), props, body));
        }

        @Override
        public void handleCancel(String tag) {
            LOG.warn("the broker cancelled the consumer of queue {} (deleted?)", queue);
            stopped = true;
            router.cancelled();
        }

        @Override
        public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
            // the link tells us; nothing to do per consumer
        }
    }

    private synchronized void deliver(Pending p) {
        if (stopped) {
            requeue(p);
            return;
        }
        if (!pending.isEmpty() || !process(p)) {
            pending.addLast(p);
            armRetry();
        }
    }

    /** {@return whether the delivery is settled (acked, rejected or requeued)} */
    private boolean process(Pending p) {
        if (p.routed == null) {
            try {
                p.routed = router.route(p.props, p.body);
            } catch (Exception e) {
                undecodable.incrementAndGet();
                settle(p, false, false);
                deadLetters.publish(new DeadLetter(path, raw(p), DeadLetterReason.UNDECODABLE, e));
                return true;
            }
        }
        String id = p.props.getMessageId();
        if (dedup.seen(id)) {
            duplicates.incrementAndGet();
            settle(p, true, false);
            return true;
        }
        if (p.routed.ackFirst()) {
            settle(p, true, false);
        }
        SendResult r = p.routed.target().trySend(p.routed.message());
        if (p.routed.ackFirst()) {
            if (r == SendResult.ACCEPTED) {
                dedup.accepted(id);
                accepted.incrementAndGet();
                router.accepted(p.routed);
            } else {
                router.stopped(p.routed, raw(p)); // dead-letters it: acked already, whatever it says
            }
            return true;
        }
        if (r == SendResult.ACCEPTED) {
            dedup.accepted(id);
            accepted.incrementAndGet();
            router.accepted(p.routed);
            settle(p, true, false);
            return true;
        }
        if (r == SendResult.FULL) {
            return false;
        }
        if (router.stopped(p.routed, raw(p))) {
            stopped = true;
            requeue(p);
            scheduler.execute(this::cancelConsumer);
        } else {
            settle(p, true, false);
        }
        return true;
    }

    private RawMessage raw(Pending p) {
        return new RawMessage(queue, p.props.getContentType(), p.props.getMessageId(), p.body);
    }

    private void requeue(Pending p) {
        requeued.incrementAndGet();
        settle(p, false, true);
    }

    /** ack, or reject / nack-with-requeue; a delivery of a dead channel needs neither. */
    private void settle(Pending p, boolean ack, boolean requeue) {
        if (!p.channel.isOpen()) {
            return;
        }
        try {
            if (ack) {
                p.channel.basicAck(p.tag, false);
            } else if (requeue) {
                p.channel.basicNack(p.tag, false, true);
            } else {
                p.channel.basicReject(p.tag, false);
            }
        } catch (IOException | RuntimeException e) {
            // the channel died under us: the broker requeues the delivery
        }
    }

    private void armRetry() {
        if (!retryArmed) {
            retryArmed = true;
            scheduler.schedule(this::retry, retryDelayMicros, TimeUnit.MICROSECONDS);
        }
    }

    private synchronized void retry() {
        retryArmed = false;
        Pending p;
        while ((p = pending.peekFirst()) != null) {
            if (stopped) {
                pending.pollFirst();
                requeue(p);
            } else if (!p.channel.isOpen()) {
                pending.pollFirst();
            } else if (process(p)) {
                pending.pollFirst();
                retryDelayMicros = 1000;
            } else {
                retryDelayMicros = Math.min(20_000, retryDelayMicros * 2);
                armRetry();
                return;
            }
        }
    }

    private void cancelConsumer() {
        Channel ch = channel;
        String tag = consumerTag;
        if (ch != null && tag != null && ch.isOpen()) {
            try {
                ch.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                // gone already
            }
        }
    }

    /**
     * Stops consuming: cancels the consumer and gives every waiting delivery back to the broker.
     *
     * @return how many waiting deliveries were requeued
     */
    public long stopIntake() {
        stopped = true;
        cancelConsumer();
        long before = requeued.get();
        synchronized (this) {
            Pending p;
            while ((p = pending.pollFirst()) != null) {
                requeue(p);
            }
        }
        return requeued.get() - before;
    }

    /** Stops consuming and closes the channel; the broker requeues anything unacknowledged. */
    public void close() {
        stopIntake();
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // the broker requeues what is unacknowledged when the channel goes, however it goes
            }
        }
    }

    /** {@return the queue} */
    public String queue() {
        return queue;
    }

    /** {@return whether it still consumes (not stopped, not cancelled by the broker)} */
    public boolean isActive() {
        return !stopped;
    }

    /** {@return deliveries the target accepted} */
    public long accepted() {
        return accepted.get();
    }

    /** {@return deliveries acknowledged as duplicates of an accepted one} */
    public long duplicates() {
        return duplicates.get();
    }

    /** {@return deliveries rejected as undecodable} */
    public long undecodable() {
        return undecodable.get();
    }

    /** {@return deliveries given back to the broker} */
    public long requeued() {
        return requeued.get();
    }

    @Override
    public String toString() {
        return "Inbound[" + queue + ", prefetch " + prefetch + (stopped ? ", stopped" : "") + "]";
    }
}
