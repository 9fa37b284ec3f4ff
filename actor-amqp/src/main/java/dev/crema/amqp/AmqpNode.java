package dev.crema.amqp;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.WatchableAddr;
import dev.crema.amqp.internal.Inbound;
import dev.crema.amqp.internal.Names;
import dev.crema.amqp.internal.NodeCore;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One process's connection to RabbitMQ for an {@link ActorSystem}: exposes local actors on queues and
 * gives {@link Addr}s for queues served elsewhere. The broker is the distributed engine; a remote address
 * is a thin mapping of Crema's send operations onto it.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.create("engine");
 *      AmqpNode node = AmqpNode.connect(system, "engine", AmqpSettings.fromEnvironment())) {
 *     node.expose("hanoi.jobs", engine, JsonCodec.of(Job.class));                 // serve a queue
 *     Addr<Job> jobs = node.remote("hanoi.jobs", JsonCodec.of(Job.class));          // or send to one
 *     CompletableFuture<Solved> r = jobs.ask(replyTo -> new Solve(20, replyTo), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <h2>What crosses, and how</h2>
 * <ul>
 *   <li><b>Exposed actor</b>: a consumer with manual acknowledgements and a prefetch
 *       ({@link ExposeOptions#withPrefetch}, at most the mailbox capacity). A delivery is acknowledged once
 *       the mailbox accepted it; a full mailbox holds the delivery (and the ones after it) and retries,
 *       so the broker's credit runs out rather than anything being dropped. Delivery into the mailbox is
 *       at least once, deduplicated by message id; processing is as the local runtime's: a message in the
 *       mailbox when the process dies is lost (at-least-once <em>processing</em>, acknowledging after the
 *       handler, is not offered). An undecodable delivery is rejected without requeue (a dead-letter
 *       exchange of the queue catches it) and is a local dead letter {@code UNDECODABLE} with the cause.</li>
 *   <li><b>Remote address</b> ({@link #remote}): publishes to the default exchange with {@code mandatory},
 *       publisher confirms and a bounded window of unconfirmed publishes ({@link AmqpSettings#withPublishWindow}).
 *       {@code tell} never waits; {@code trySend} says {@code FULL} while the window is full; {@code send}
 *       waits for room; {@code ask} is RPC with {@code reply_to} (this node's queue) and {@code correlation_id}.
 *       A send that finds the node's channel free writes its publish to the socket on its own thread (no
 *       hand-off); one that finds it busy, or the connection blocked by the broker, leaves it to the node's
 *       publisher thread, so no send waits for another's write.
 *       A returned message is a dead letter {@code UNROUTABLE}, a nack {@code REFUSED_BY_BROKER}, a publish that
 *       could not be confirmed before the connection came back within the publish timeout {@code CONNECTION_LOST};
 *       for an ask, the future fails with {@link dev.crema.actor.AskRejectedException} of that reason instead.</li>
 *   <li><b>Replies and addresses in messages</b> go to the node's own queue
 *       ({@code crema.node.<name>.<random>}), one per process rather than RabbitMQ's direct reply-to: direct
 *       reply-to needs the consumer on the publishing channel and drops replies while a connection is down,
 *       whereas a queue keeps them across a short outage, takes exported actors' messages as well, and is
 *       deleted by the broker a minute after its process is gone.</li>
 *   <li><b>Faults</b>: the node reconnects every {@link AmqpSettings#reconnectInterval()}; consumers resume;
 *       publishes accepted while disconnected wait in the window (bounded) and are sent on reconnection;
 *       unconfirmed publishes are sent again with the same message id, which exposures recognise.</li>
 * </ul>
 *
 * <p>A node registers itself as a {@link dev.crema.actor.ShutdownParticipant}: the system's shutdown first
 * cancels every exposure's consumer (waiting deliveries are requeued), lets the actors drain, then lets the
 * last publishes be confirmed and closes the connection; its line in the report counts what happened.
 * {@link #close()} does the same for the node alone.
 *
 * <p>Thread-safe.
 */
public final class AmqpNode implements AutoCloseable {

    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(5);

    private final NodeCore core;

    private AmqpNode(NodeCore core) {
        this.core = core;
    }

    /**
     * Connects to the broker; the first attempt is made now, later ones by the node itself.
     *
     * @param system   the actor system whose actors this node serves
     * @param name     letters, digits, {@code -} and {@code _}; part of the node queue's name
     * @param settings the broker and the bounds
     * @return the connected node
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid
     * @throws IllegalStateException    if the system is shutting down
     * @throws IOException              if the broker cannot be reached or refuses the credentials
     */
    public static AmqpNode connect(ActorSystem system, String name, AmqpSettings settings) throws IOException {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(name, "node name must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("node name '" + name + "' must be 1 to 64 letters, digits, - or _");
        }
        if (system.isShutdown()) {
            throw new IllegalStateException(system + " is shutting down");
        }
        return new AmqpNode(NodeCore.connect(system, name, settings));
    }

    /**
     * Exposes a local actor on a queue with {@link ExposeOptions#defaults()}.
     *
     * @param queue the queue (declared durable if missing)
     * @param actor the local actor
     * @param codec decodes its messages
     * @param <M>   the message type
     * @return the exposure
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if the queue name is invalid
     * @throws IllegalStateException    if the node is closed
     * @throws IOException              if the broker refused the queue or the consumer
     */
    public <M> Exposure expose(String queue, Addr<M> actor, Codec<M> codec) throws IOException {
        return expose(queue, actor, codec, ExposeOptions.defaults());
    }

    /**
     * Exposes a local actor on a queue: its consumer acknowledges each message once the actor's mailbox
     * accepted it. The exposure ends when the actor terminates.
     *
     * @param queue   the queue
     * @param actor   the local actor
     * @param codec   decodes its messages
     * @param options prefetch, declaration, deduplication
     * @param <M>     the message type
     * @return the exposure
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if the queue name is invalid
     * @throws IllegalStateException    if the node is closed
     * @throws IOException              if the broker refused the queue or the consumer
     */
    public <M> Exposure expose(String queue, Addr<M> actor, Codec<M> codec, ExposeOptions options)
            throws IOException {
        Names.queue(queue);
        Objects.requireNonNull(actor, "actor must not be null");
        Objects.requireNonNull(codec, "codec must not be null");
        Objects.requireNonNull(options, "options must not be null");
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Exposure exposure = new Exposure(core, ended);
        Inbound.QueueDeclaration declaration = options.declare()
                ? new Inbound.QueueDeclaration(options.durable(), false, options.autoDelete(), null) : null;
        exposure.bind(core.expose(queue, actor, codec, options.prefetch(), declaration, options.dedupWindow(),
                () -> ended.complete(null)));
        return exposure;
    }

    /**
     * An address for a queue that another process consumes. Its {@link WatchableAddr#whenTerminated()}
     * completes when the broker reports the queue deleted (checked every
     * {@link AmqpSettings#watchInterval()}); it cannot tell that the consumer went away while the queue
     * remains.
     *
     * @param queue the queue
     * @param codec encodes the messages
     * @param <M>   the message type
     * @return the remote address; its path is {@code amqp://host:port/queue}
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if the queue name is invalid
     */
    public <M> WatchableAddr<M> remote(String queue, Codec<M> codec) {
        Names.queue(queue);
        Objects.requireNonNull(codec, "codec must not be null");
        return core.remote(queue, codec);
    }

    /** {@return how this node's codecs export and resolve addresses inside messages} */
    public Addresses addresses() {
        return core;
    }

    /** {@return the node's name} */
    public String name() {
        return core.nodeName();
    }

    /** {@return the node's own queue, where replies and messages to exported actors arrive} */
    public String nodeQueue() {
        return core.nodeQueue();
    }

    /** {@return the broker, e.g. {@code amqp://127.0.0.1:5672/}: never credentials} */
    public String brokerAddress() {
        return core.brokerAddress();
    }

    /** {@return whether the connection is open now} */
    public boolean isConnected() {
        return core.isUp();
    }

    /** {@return how many times the connection was lost} */
    public long connectionLosses() {
        return core.outages();
    }

    /** {@return publishes accepted and not yet confirmed} */
    public int unconfirmed() {
        return core.publisherStats().inFlight();
    }

    /** {@return publishes sent again after a lost connection} */
    public long republished() {
        return core.publisherStats().republished();
    }

    /**
     * Closes the node as the system's shutdown would: cancels consumers, waits up to 5 s for the last
     * publishes to be confirmed, ends open asks, closes the connection. Closing twice is harmless.
     */
    @Override
    public void close() {
        core.system().removeShutdownParticipant(core);
        core.stopIntake(CLOSE_BUDGET);
        core.close(CLOSE_BUDGET);
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
