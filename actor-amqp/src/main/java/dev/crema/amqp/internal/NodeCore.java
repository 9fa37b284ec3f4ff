package dev.crema.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.actor.ShutdownParticipant;
import dev.crema.amqp.AmqpSettings;
import dev.crema.amqp.Addresses;
import dev.crema.amqp.Codec;
import dev.crema.amqp.RawMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The runtime of one {@code AmqpNode}: its link, publisher, ask table, exports, death watch, the consumer
 * of its own queue, and its exposures; also the codecs' {@link Addresses} and the system's shutdown
 * participant.
 *
 * <p>The node's own queue ({@code crema.node.<name>.<random>}, not durable, deleted by the broker once
 * unused for a minute, deleted by {@link #close} at once) receives everything addressed to this process
 * rather than to a service queue: ask replies (correlation id {@code a<n>}) and messages to exported
 * local addresses (header {@code crema-to}). Thread-safe; see each component for its protocol.
 */
public final class NodeCore implements Addresses, Publisher.Outcomes, ShutdownParticipant {

    private static final Duration NODE_QUEUE_EXPIRY = Duration.ofMinutes(1);
    /** Stands in for a target that is gone; its trySend says STOPPED. */
    private static final Addr<Object> GONE = new Gone();

    private final ActorSystem system;
    private final AmqpSettings settings;
    private final String name;
    private final String nodeQueue;
    private final String broker;
    private final String idPrefix;
    private final AtomicLong messageIds = new AtomicLong();
    private final ScheduledThreadPoolExecutor scheduler;
    private final Link link;
    private final Publisher publisher;
    private final AskTable asks;
    private final Exports exports;
    private final QueueWatch watch;
    private final Inbound nodeInbound;
    private final CopyOnWriteArrayList<Inbound> exposures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean intakeStopped = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long requeuedAtStop; // written and read by the shutdown thread only
    private int cancelledAtStop;

    private NodeCore(ActorSystem system, AmqpSettings settings, String name) {
        this.system = system;
        this.settings = settings;
        this.name = name;
        String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        this.nodeQueue = "crema.node." + name + "." + random;
        this.broker = settings.brokerAddress();
        this.idPrefix = random + ":";
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "crema-amqp-timer-" + name);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.link = new Link(settings.newConnectionFactory(), "crema-" + name, broker, settings.reconnectInterval());
        this.publisher = new Publisher(name, settings.publishWindow(), settings.publishTimeout(), this);
        this.asks = new AskTable(scheduler, system.deadLetters(), broker + nodeQueue);
        this.exports = new Exports(system, scheduler, settings.temporaryExportExpiry());
        this.watch = new QueueWatch(scheduler, settings.watchInterval());
        this.nodeInbound = new Inbound(nodeQueue, broker + nodeQueue, settings.nodePrefetch(),
                new Inbound.QueueDeclaration(false, false, false, Map.of("x-expires", NODE_QUEUE_EXPIRY.toMillis())),
                0, new NodeRouter(), system.deadLetters(), scheduler);
    }

    /**
     * Connects a node and registers it with the system's shutdown.
     *
     * @param system   the actor system
     * @param name     the node's name
     * @param settings the settings
     * @return the running node
     * @throws IOException if the broker cannot be reached
     */
    public static NodeCore connect(ActorSystem system, String name, AmqpSettings settings) throws IOException {
        NodeCore node = new NodeCore(system, settings, name);
        try {
            node.link.start();
            node.link.add(node.publisher);
            node.link.add(node.watch);
            node.link.add(node.nodeInbound);
        } catch (IOException | RuntimeException e) {
            node.link.close(Duration.ofSeconds(1));
            node.publisher.close(Duration.ofMillis(1));
            node.scheduler.shutdownNow();
            throw e;
        }
        system.addShutdownParticipant(node);
        return node;
    }

    // ------------------------------------------------------------------ API support

    /**
     * Consumes {@code queue} for a local actor.
     *
     * @param queue       a valid queue name
     * @param actor       the actor
     * @param codec       decodes its messages
     * @param prefetch    unacknowledged at most
     * @param declaration how to declare the queue, or {@code null}
     * @param dedupWindow ids to remember
     * @param onEnd       run once the exposure ended (actor terminated, consumer cancelled by the broker)
     * @param <M>         the message type
     * @return the consumer
     * @throws IOException if the broker refused the declaration or the consumer
     */
    @SuppressWarnings("unchecked")
    public <M> Inbound expose(String queue, Addr<M> actor, Codec<M> codec, int prefetch,
                              Inbound.QueueDeclaration declaration, int dedupWindow, Runnable onEnd) throws IOException {
        requireOpen();
        String path = broker + queue;
        Codec<Object> c = (Codec<Object>) codec;
        Addr<Object> target = (Addr<Object>) actor;
        Inbound[] self = new Inbound[1];
        Inbound in = new Inbound(queue, path, prefetch, declaration, dedupWindow, new Inbound.Router() {
            @Override
            public Inbound.Routed route(AMQP.BasicProperties props, byte[] body) throws Exception {
                return new Inbound.Routed(target, decode(c, props, body), null);
            }

            @Override
            public boolean stopped(Inbound.Routed routed, RawMessage raw) {
                return true; // the actor is gone: give the message back to the queue for another consumer
            }

            @Override
            public void cancelled() {
                onEnd.run();
            }
        }, system.deadLetters(), scheduler);
        self[0] = in;
        link.add(in);
        exposures.add(in);
        CompletableFuture<?> end;
        try {
            end = system.whenTerminated(actor);
        } catch (IllegalArgumentException notAnActor) {
            end = null;
        }
        if (end != null) {
            end.whenCompleteAsync((t, e) -> {
                unexpose(self[0]);
                onEnd.run();
            }, scheduler);
        }
        return in;
    }

    /** @param in an exposure to stop and forget */
    public void unexpose(Inbound in) {
        in.close();
        link.remove(in);
        exposures.remove(in);
    }

    /**
     * @param queue a valid queue name
     * @param codec encodes messages
     * @param <M>   the message type
     * @return the remote address
     */
    public <M> RemoteAddr<M> remote(String queue, Codec<M> codec) {
        return new RemoteAddr<>(this, queue, null, codec);
    }

    private <T> T decode(Codec<T> codec, AMQP.BasicProperties props, byte[] body) throws Exception {
        String type = props.getContentType();
        if (type != null && !type.equals(codec.contentType())) {
            throw new IllegalArgumentException("content type " + type + ", but this queue's codec reads "
                    + codec.contentType());
        }
        return Objects.requireNonNull(codec.decode(body, this), "codec returned null");
    }

    private void requireOpen() {
        if (closed.get() || intakeStopped.get()) {
            throw new IllegalStateException("AMQP node " + name + " is shut down");
        }
    }

    String nextMessageId() {
        return idPrefix + Long.toString(messageIds.incrementAndGet(), 36);
    }

    void deadLetter(DeadLetter letter) {
        system.deadLetters().publish(letter);
    }

    Publisher publisher() {
        return publisher;
    }

    AskTable asks() {
        return asks;
    }

    QueueWatch watch() {
        return watch;
    }

    boolean persistent() {
        return settings.persistentMessages();
    }

    /** {@return whether the connection is open now} */
    public boolean isUp() {
        return link.isUp();
    }

    /** {@return the node's own queue} */
    public String nodeQueue() {
        return nodeQueue;
    }

    /** {@return e.g. {@code amqp://127.0.0.1:5672/}} */
    public String brokerAddress() {
        return broker;
    }

    /** {@return the node's name} */
    public String nodeName() {
        return name;
    }

    /** {@return the publisher, for statistics} */
    public Publisher publisherStats() {
        return publisher;
    }

    /** {@return connection losses so far} */
    public long outages() {
        return link.outages();
    }

    // ------------------------------------------------------------------ Addresses (for codecs)

    @Override
    public <T> String export(Addr<T> addr, Codec<T> codec) {
        Objects.requireNonNull(addr, "address must not be null");
        Objects.requireNonNull(codec, "codec must not be null");
        if (addr instanceof RemoteAddr<?> r) {
            return r.reference();
        }
        if (addr instanceof AskTable.Reply<T> reply && asks.lookup(reply.id()) == reply) {
            reply.codec(codec);
            return nodeQueue + "#a" + reply.id();
        }
        return nodeQueue + "#" + exports.export(addr, codec);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Addr<T> resolve(String reference, Codec<T> codec) {
        Objects.requireNonNull(reference, "reference must not be null");
        Objects.requireNonNull(codec, "codec must not be null");
        int hash = reference.indexOf('#');
        String queue = Names.queue(hash < 0 ? reference : reference.substring(0, hash));
        String id = hash < 0 ? null : reference.substring(hash + 1);
        if (id != null && !id.matches("[aet][0-9]{1,19}")) {
            throw new IllegalArgumentException("address reference '" + reference + "' has a malformed export id");
        }
        if (id != null && queue.equals(nodeQueue)) {
            if (id.charAt(0) == 'a') {
                AskTable.Reply<?> r = asks.lookup(Long.parseLong(id.substring(1)));
                if (r != null) {
                    return (Addr<T>) r;
                }
            } else {
                Exports.Export e = exports.lookup(id);
                if (e != null) {
                    return (Addr<T>) e.addr();
                }
            }
        }
        return new RemoteAddr<>(this, queue, id, codec);
    }

    // ------------------------------------------------------------------ publish outcomes

    @Override
    public void confirmed(Outgoing o) {
        // the broker has it; an ask now waits for its reply
    }

    @Override
    public void failed(Outgoing o, DeadLetterReason reason) {
        if (o.askId != 0) {
            asks.fail(o.askId, reason);
        } else {
            deadLetter(new DeadLetter(o.recipient, o.message, reason, null));
        }
    }

    // ------------------------------------------------------------------ the node's own queue

    /** Routes deliveries on the node queue to ask replies and exports. */
    private final class NodeRouter implements Inbound.Router {
        @Override
        @SuppressWarnings("unchecked")
        public Inbound.Routed route(AMQP.BasicProperties props, byte[] body) throws Exception {
            Object header = props.getHeaders() == null ? null : props.getHeaders().get(RemoteAddr.EXPORT_HEADER);
            String to = header != null ? header.toString() : props.getCorrelationId();
            if (to == null || to.length() < 2) {
                throw new IllegalArgumentException("a message on node queue " + nodeQueue
                        + " names no export (no " + RemoteAddr.EXPORT_HEADER + " header, no correlation id)");
            }
            RawMessage raw = new RawMessage(nodeQueue, props.getContentType(), props.getMessageId(), body);
            if (to.charAt(0) == 'a') {
                AskTable.Reply<?> reply = asks.lookup(parseId(to));
                Codec<Object> codec = reply == null ? null : (Codec<Object>) reply.codec();
                if (codec == null) {
                    return new Inbound.Routed(GONE, raw, to, true);
                }
                // a reply handle says ACCEPTED or STOPPED (a late reply, dead-lettered by stopped()), never FULL
                return new Inbound.Routed((Addr<Object>) reply, decode(codec, props, body), to, true);
            }
            Exports.Export e = exports.lookup(to);
            if (e == null) {
                return new Inbound.Routed(GONE, raw, to);
            }
            return new Inbound.Routed(e.addr(), decode(e.codec(), props, body), to);
        }

        private long parseId(String to) {
            try {
                return Long.parseLong(to.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed correlation id " + to, e);
            }
        }

        @Override
        public boolean stopped(Inbound.Routed routed, RawMessage raw) {
            DeadLetterReason reason = routed.key().charAt(0) == 'a' ? DeadLetterReason.LATE_REPLY : DeadLetterReason.STOPPED;
            String recipient = routed.target() == GONE ? broker + nodeQueue + "#" + routed.key() : routed.target().path();
            deadLetter(new DeadLetter(recipient, routed.message(), reason, null));
            return false;
        }

        @Override
        public void accepted(Inbound.Routed routed) {
            exports.delivered(routed.key());
        }

        @Override
        public void cancelled() {
            // our own queue deleted under us: the next reconnect declares it again
        }
    }

    private static final class Gone implements Addr<Object> {
        @Override
        public void tell(Object message) {
        }

        @Override
        public SendResult trySend(Object message) {
            return SendResult.STOPPED;
        }

        @Override
        public SendResult send(Object message, Duration timeout) {
            return SendResult.STOPPED;
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<Addr<R>, ?> request, Duration timeout) {
            return new CompletableFuture<>();
        }

        @Override
        public String path() {
            return "gone";
        }
    }

    // ------------------------------------------------------------------ shutdown

    @Override
    public String name() {
        return "amqp " + broker + " node " + name;
    }

    /** Cancels every exposure's consumer and requeues what waits outside the mailboxes. */
    @Override
    public void stopIntake(Duration budget) {
        if (intakeStopped.compareAndSet(false, true)) {
            long n = 0;
            for (Inbound in : exposures) {
                n += in.stopIntake();
            }
            requeuedAtStop = n;
            cancelledAtStop = exposures.size();
        }
    }

    /**
     * After the actors stopped: lets the last publishes be confirmed, ends open asks, drains the node
     * queue into dead letters, deletes it and closes the connection.
     */
    @Override
    public String close(Duration budget) {
        if (!closed.compareAndSet(false, true)) {
            return "already closed";
        }
        stopIntake(budget);
        long deadline = System.nanoTime() + budget.toNanos();
        long gaveUp = publisher.close(fraction(deadline, 2));
        nodeInbound.stopIntake();
        long drained = drainNodeQueue();
        long asksEnded = asks.closeAll();
        for (Inbound in : exposures) {
            in.close();
        }
        nodeInbound.close();
        link.close(remaining(deadline));
        scheduler.shutdownNow();
        return cancelledAtStop + " consumers cancelled, " + requeuedAtStop + " waiting deliveries requeued; "
                + publisher.published() + " published, " + publisher.confirmed() + " confirmed, "
                + publisher.failed() + " dead-lettered (" + gaveUp + " unconfirmed at close); " + asksEnded
                + " asks ended by the shutdown; " + drained + " left on the node queue dead-lettered; "
                + link.outages() + " connection losses";
    }

    private long drainNodeQueue() {
        long n = 0;
        try {
            Connection c = link.isUp() ? connectionOf() : null;
            if (c == null) {
                return 0;
            }
            Channel ch = c.createChannel();
            GetResponse g;
            while ((g = ch.basicGet(nodeQueue, true)) != null) {
                n++;
                deadLetter(new DeadLetter(broker + nodeQueue, new RawMessage(nodeQueue, g.getProps().getContentType(),
                        g.getProps().getMessageId(), g.getBody()), DeadLetterReason.SHUTDOWN, null));
            }
            ch.queueDelete(nodeQueue);
            ch.close();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // the broker deletes the queue itself once unused; what is in it then was counted above
        }
        return n;
    }

    private Connection connectionOf() {
        return link.connection();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static Duration fraction(long deadline, int parts) {
        return Duration.ofNanos(Math.max(1_000_000, (deadline - System.nanoTime()) / parts));
    }

    /** {@return whether {@link #close} has run} */
    public boolean isClosed() {
        return closed.get();
    }

    /** {@return the system} */
    public ActorSystem system() {
        return system;
    }

    @Override
    public String toString() {
        return "AmqpNode[" + name + " at " + broker + (isUp() ? ", connected" : ", disconnected") + "]";
    }
}
